# Table 5 row "WD & ETF": fixed simplex-ETF classifier (512-d >= 100
# classes), CE, weight decay 5e-3. ResNet-34 CIFAR, CIFAR-100-LT IF=100.
_base_ = ['./wd_r34_cifar100-lt-if100.py']
model = dict(head=dict(type='ETFHead'))
