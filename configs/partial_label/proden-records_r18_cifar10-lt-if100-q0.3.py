# PRODEN + RECORDS, CIFAR-10-LT IF=100, q = 0.3, RECORDS' setting (momentum
# 0.9 of the mean feature).
_base_ = ['./proden_r18_cifar10-lt-if100-q0.3.py']
model = dict(head=dict(rebalance='dynamic', momentum=0.9))
