# PRODEN + the constant oracle prior: the update and the prediction subtract
# log n_c / N of the true (hidden) labels, the comparison RECORDS makes.
# MNIST5k-LT IF=100, q = 0.3, ResNet-8.
_base_ = ['./proden_r8_mnist5k-lt-if100-q0.3.py']
model = dict(head=dict(rebalance='oracle'))
