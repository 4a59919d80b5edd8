# Class-balanced softmax focal loss (beta 0.9999, gamma 1), ResNet-32,
# CIFAR-100-LT IF=100, LDAM-DRW schedule.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(
            _delete_=True,
            type='SoftmaxFocalLoss',
            gamma=1.0,
            class_weight='effective',
            beta=0.9999)))
