# PRODEN + RECORDS (Hong et al., ICLR 2023): the confidence update and the
# prediction subtract log softmax(W F + b), F the momentum (0.9) average of
# the batch mean feature. MNIST5k-LT IF=100, q = 0.3, ResNet-8.
_base_ = ['./proden_r8_mnist5k-lt-if100-q0.3.py']
model = dict(head=dict(rebalance='dynamic', momentum=0.9))
