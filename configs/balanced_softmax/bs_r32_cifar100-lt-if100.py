# Balanced softmax, ResNet-32, CIFAR-100-LT IF=100, LDAM-DRW schedule.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='BalancedSoftmaxLoss')))
