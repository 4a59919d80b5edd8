# Post-hoc logit adjustment (tau 1) of the CE ResNet-32 on CIFAR-100-LT.
# CIFAR-LT has no validation split (LDAM-DRW's protocol keeps every head
# image for training), so tau is the paper's 1.0, not searched; a
# search_dataloader carved from the training data would let
# PosthocSearchHook tune it:
#   python tools/test.py THIS_CONFIG \
#       work_dirs/ce_r32_cifar100-lt-if100/epoch_200.pth
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
