# cRT (Kang et al. 2020), ResNeXt-50, ImageNet-LT: 90 epochs joint CE,
# then 10 epochs re-training a re-initialised classifier with class-aware
# sampling on frozen features. Launch once, both stages run:
#   tools/dist_train.sh configs/decoupling/crt_rx50_imagenet-lt.py 8
# Stage 2 alone from a checkpoint (e.g. an mmpretrain one):
#   ... --cfg-options load_from=CKPT train_cfg.max_epochs=10 \
#       train_cfg.stages.classifier=0
_base_ = ['../baseline/ce_rx50_imagenet-lt.py']
model = dict(head=dict(type='LTLinearClsHead'))
# Stage 2 re-initialises head.fc: a checkpoint without it (or with another
# number of classes) loads.
default_hooks = dict(strict_load=dict(allow_missing=('head.fc', )))
train_cfg = dict(max_epochs=100, stages=dict(features=0, classifier=90))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, stage='features'),
    dict(type='CosineAnnealingLR', by_epoch=True, stage='classifier'),
]
custom_hooks = [
    dict(
        type='ClassifierStageHook',
        stage='classifier',
        freeze=('backbone', 'neck'),
        reinit=('head.fc', ),
        sampler=dict(type='ClassAwareSampler', num_samples_cls=4),
        lr=0.2),
]
