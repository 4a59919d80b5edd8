# Table 5 row "WD & ETF": fixed simplex-ETF classifier, CE, weight decay
# 5e-3, no feature regularisation. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(head=dict(type='ETFHead'))
optim_wrapper = dict(optimizer=dict(weight_decay=5e-3))
