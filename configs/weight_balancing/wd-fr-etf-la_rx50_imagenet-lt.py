# WD & FR & ETF & LA, ResNeXt-50 (2048-d >= 1000 classes), ImageNet-LT:
# 90 epochs CE with weight decay 5e-4, feature regularisation 0.01, fixed
# simplex-ETF; post-hoc additive LA, tau tuned on ImageNet_LT_val.txt at the
# end of training (PosthocSearchHook).
_base_ = [
    '../_base_/datasets/imagenet_lt.py',
    '../_base_/models/resnext50_32x4d_imagenet_lt.py',
    '../_base_/schedules/imagenet_lt_90e.py', '../_base_/default_runtime.py'
]
model = dict(
    head=dict(
        type='ETFHead',
        feat_reg=0.01,
        posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
custom_hooks = [dict(type='PosthocSearchHook')]
