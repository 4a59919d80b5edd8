# Post-hoc logit adjustment (tau 1) of the CE ResNet-32 on CIFAR-100-LT:
#   python tools/test.py THIS_CONFIG \
#       work_dirs/ce_r32_cifar100-lt-if100/epoch_200.pth
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
