# Two-stage weight balancing, CIFAR-stem ResNet-34, CIFAR-100-LT IF=100.
# Stage 1 (epochs 0-319): the WD row. Stage 2 (320-329): frozen features,
# class-balanced CE (n_tilde / n_c), wd 0.1, lr 0.01 cosine, MaxNorm
# projected after every epoch (the WB code's timing).
_base_ = ['./wd_r34_cifar100-lt-if100.py']
model = dict(
    head=dict(
        loss=dict(
            _delete_=True,
            type='LogitAdjustedLoss',
            tau=0.0,
            class_weight='inverse')))
train_cfg = dict(max_epochs=330, stages=dict(features=0, classifier=320))
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
