# SimCLR on CIFAR-100-LT IF=100 (row "SimCLR" of the tutorial's TS and GH
# tables), ResNet-18 for 32x32 images, 2,000 epochs of batch 512, SGD 0.5
# cosine, temperature 0.2: the SDCLR / BCL CIFAR-LT protocol as mmlt reads
# those papers. SimCLR's CIFAR view augmentations (mmpretrain's transforms,
# the ImageNet SimCLR base's colour strengths halved for 32x32, no blur,
# no hue: see below).
# kNN@10 and the linear probe on the training images at the end.
_base_ = ['../_base_/datasets/cifar100_lt.py', '../_base_/default_runtime.py']
model = dict(
    type='SimCLR',
    backbone=dict(type='ResNet_CIFAR', depth=18),
    neck=dict(
        type='NonLinearNeck',
        in_channels=512,
        hid_channels=512,
        out_channels=128,
        num_layers=2,
        with_avg_pool=True),
    head=dict(
        type='ContrastiveHead',
        loss=dict(type='CrossEntropyLoss'),
        temperature=0.2))
data_preprocessor = dict(
    _delete_=True,
    type='SelfSupDataPreprocessor',
    mean={{_base_.data_preprocessor.mean}},
    std={{_base_.data_preprocessor.std}},
    to_rgb=False)
_view = [
    dict(type='RandomResizedCrop', scale=32, crop_ratio_range=(0.08, 1.0)),
    dict(type='RandomFlip', prob=0.5),
    dict(
        type='RandomApply',
        transforms=[
            dict(
                type='ColorJitter',
                brightness=0.4,
                contrast=0.4,
                saturation=0.4,
                # mmcv's adjust_hue overflows on a negative hue factor
                # under NumPy 2 (this stack): no hue jitter
                hue=0.0)
        ],
        prob=0.8),
    dict(
        type='RandomGrayscale',
        prob=0.2,
        keep_channels=True,
        channel_weights=(0.114, 0.587, 0.2989)),
]
train_dataloader = dict(
    batch_size=512,
    collate_fn=dict(type='default_collate'),
    dataset=dict(pipeline=[
        dict(type='MultiView', num_views=2, transforms=[_view]),
        dict(type='PackInputs'),
    ]))
val_dataloader = dict(collate_fn=dict(type='default_collate'))
test_dataloader = val_dataloader
val_cfg = dict(type='FeatureProbeLoop')
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.5, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=2000)
]
train_cfg = dict(type='StageTrainLoop', max_epochs=2000, val_interval=2000)
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=512)
