# Two-stage weight balancing, ResNeXt-50 (32x4d), ImageNet-LT. Stage 1
# (epochs 0-89): CE, weight decay 5e-4 on the classifier-balancing 90-epoch
# schedule (batch 512, lr 0.2, cosine); stage 2 (90-99): frozen features,
# class-balanced CE (n_tilde / n_c), wd 0.1, lr 0.01 cosine, MaxNorm.
# Stage-1 length and weight decay are our choices (grid them with
# --cfg-options); see README.md.
_base_ = [
    '../_base_/datasets/imagenet_lt.py',
    '../_base_/models/resnext50_32x4d_imagenet_lt.py',
    '../_base_/schedules/imagenet_lt_90e.py', '../_base_/default_runtime.py'
]
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(
            _delete_=True,
            type='LogitAdjustedLoss',
            tau=0.0,
            class_weight='inverse')))
train_cfg = dict(max_epochs=100, stages=dict(features=0, classifier=90))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, stage='features'),
    dict(type='CosineAnnealingLR', by_epoch=True, stage='classifier'),
]
custom_hooks = [
    dict(type='DRWHook', stage='classifier'),
    dict(
        type='ClassifierStageHook',
        stage='classifier',
        freeze=('backbone', 'neck'),
        lr=0.01,
        weight_decay=0.1),
    dict(
        type='MaxNormHook',
        stage='classifier',
        module='head.fc',
        ratio=0.1,
        by_epoch=True),
]
