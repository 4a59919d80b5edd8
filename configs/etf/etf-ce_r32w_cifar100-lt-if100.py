# ETF + CE, ResNet-32 with 128-d features, CIFAR-100-LT IF=100.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
model = dict(
    backbone=dict(base_channels=32),
    head=dict(type='ETFHead', in_channels=128))
