# The CE baseline on the fast, NOT converged schedule (30 epochs, 450
# iterations): `make demo` and smoke tests. Compare methods on the
# converged ce_r8_mnist5k-lt-if100.py (1,500 iterations).
_base_ = [
    '../_base_/datasets/mnist5k_lt.py', '../_base_/models/resnet8_mnist.py',
    '../_base_/schedules/mnist5k_fast.py', '../_base_/default_runtime.py'
]
randomness = dict(seed=0)
