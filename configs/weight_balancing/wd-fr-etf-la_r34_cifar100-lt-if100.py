# WD & FR & ETF & LA, CIFAR-stem ResNet-34 (512-d >= 100 classes),
# CIFAR-100-LT IF=100: 320 epochs, wd 5e-3, feature regularisation 0.01,
# fixed ETF, CE; post-hoc additive LA (search tau with
# tools/search_posthoc.py on a validation split carved from training data).
_base_ = ['./wb_r34_cifar100-lt-if100.py']
model = dict(
    head=dict(
        type='ETFHead', feat_reg=0.01,
        loss=dict(_delete_=True, type='CrossEntropyLoss', loss_weight=1.0),
        posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
train_cfg = dict(max_epochs=320)
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=320),
]
custom_hooks = [dict(type='ClassCountsHook')]
