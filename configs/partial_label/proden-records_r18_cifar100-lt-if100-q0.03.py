# PRODEN + RECORDS, CIFAR-100-LT IF=100, q = 0.03 (the tutorial table's
# "PRODEN+RECORDS" row, "C100 rho=100 q=0.03" column).
_base_ = ['./proden_r18_cifar100-lt-if100-q0.03.py']
model = dict(head=dict(rebalance='dynamic', momentum=0.9))
