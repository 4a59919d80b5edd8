# Two-stage weight balancing with the long-tail literature's ResNet-32
# (LDAM-DRW's CIFAR ResNet, 64-d features), CIFAR-100-LT IF=100.
_base_ = ['./wb_r34_cifar100-lt-if100.py']
model = dict(
    backbone=dict(_delete_=True, type='ResNetLDAM', depth=32),
    head=dict(in_channels=64))
