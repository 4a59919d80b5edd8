# ETF + dot-regression, ResNet-32 with 128-d features (base_channels 32,
# the 100-class ETF needs d >= 100), CIFAR-100-LT IF=100, 200 epochs.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
model = dict(
    backbone=dict(base_channels=32),
    head=dict(
        type='ETFHead',
        in_channels=128,
        feat_norm=True,
        loss=dict(_delete_=True, type='DotRegressionLoss')))
