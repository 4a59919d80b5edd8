# Cross-entropy baseline, ResNet-8, MNIST5k-LT IF=100, 2 CPU cores.
_base_ = [
    '../_base_/datasets/mnist5k_lt.py', '../_base_/models/resnet8_mnist.py',
    '../_base_/schedules/mnist5k.py', '../_base_/default_runtime.py'
]
randomness = dict(seed=0)
