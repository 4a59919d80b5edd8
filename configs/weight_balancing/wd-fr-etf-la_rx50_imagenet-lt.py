# WD & FR & ETF & LA, ResNeXt-50 (2048-d >= 1000 classes), ImageNet-LT:
# 90 epochs CE with weight decay 5e-4, feature regularisation 0.01, fixed
# simplex-ETF; post-hoc additive LA (search tau on ImageNet_LT_val.txt with
# tools/search_posthoc.py, then test with the written config).
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
