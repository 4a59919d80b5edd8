# VS loss (gamma 0.3, tau 1.0: the authors' VSLoss defaults), ResNet-32,
# CIFAR-100-LT IF=100.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='VSLoss', gamma=0.3, tau=1.0)))
