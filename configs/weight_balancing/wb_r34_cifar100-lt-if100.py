# Two-stage weight balancing, CIFAR-stem ResNet-34 (mmpretrain ResNet_CIFAR),
# CIFAR-100-LT IF=100 (first-n protocol of the WB code). Stage 1: 320
# epochs CE, wd 5e-3. Stage 2: 10 epochs, frozen features, class-balanced
# CE (n_tilde / n_c), wd 0.1, MaxNorm.
_base_ = [
    '../_base_/datasets/cifar100_lt.py', '../_base_/schedules/wb_cifar_320e.py',
    '../_base_/default_runtime.py'
]
model = dict(
    type='ImageClassifier',
    backbone=dict(type='ResNet_CIFAR', depth=34, num_stages=4,
                  out_indices=(3, ), style='pytorch'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LTLinearClsHead', num_classes=100, in_channels=512,
        loss=dict(type='LogitAdjustedLoss', num_classes=100, tau=0.0,
                  class_weight='inverse')))
train_dataloader = dict(
    batch_size=64, dataset=dict(protocol='first_n'))
train_cfg = dict(max_epochs=330)
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=320),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=320, end=330),
]
custom_hooks = [
    dict(type='ClassCountsHook'),
    dict(type='DRWHook', start_epoch=320),
    dict(type='ClassifierStageHook', start_epoch=320,
         freeze=('backbone', 'neck'), lr=0.01, weight_decay=0.1),
    dict(type='MaxNormHook', start_epoch=320, module='head.fc', ratio=0.1),
]
