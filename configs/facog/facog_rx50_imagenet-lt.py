# FACoG, ResNeXt-50 (32x4d), ImageNet-LT: 100 epochs in all, phase 1
# (0-79, batch 256, lr 0.5 cosine) and phase 2 (80-99, batch 128, lr 0.005;
# the 80 / 20 split is our choice), D_P = 1024, f_cls 2048 -> 2048 -> 1000.
# Dictionary: float16, at most 500 features per class (115.8K x 2048 x 2 B
# = 0.45 GiB at most; the log reports the figure).
_base_ = [
    '../_base_/datasets/imagenet_lt.py', '../_base_/models/facog_r32_cifar.py',
    '../_base_/schedules/facog_200e.py', '../_base_/default_runtime.py'
]
data_preprocessor = dict(type='MultiViewClsDataPreprocessor')
model = dict(
    backbone=dict(
        _delete_=True,
        type='ResNeXt',
        depth=50,
        num_stages=4,
        out_indices=(3, ),
        groups=32,
        width_per_group=4,
        style='pytorch'),
    head=dict(num_classes=1000, in_channels=2048, mid_channels=[2048]),
    projector=dict(in_channels=2048, hidden=2048, out_channels=1024),
    discriminator=dict(hidden=1024))
train_dataloader = dict(
    batch_size=256,
    dataset=dict(pipeline=[
        dict(type='LoadImageFromFile'),
        dict(
            type='MultiView',
            num_views=[1, 2],
            transforms=[
                [
                    dict(type='RandomResizedCrop', scale=224),
                    dict(type='RandomFlip', prob=0.5, direction='horizontal')
                ],
                [
                    dict(
                        type='RandomResizedCrop',
                        scale=224,
                        crop_ratio_range=(0.2, 1.0)),
                    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
                    dict(
                        type='RandomApply',
                        prob=0.8,
                        transforms=[
                            dict(
                                type='ColorJitter',
                                brightness=0.4,
                                contrast=0.4,
                                saturation=0.4,
                                hue=0.1)
                        ]),
                    dict(type='RandomGrayscale', prob=0.2, keep_channels=True)
                ],
            ]),
        dict(type='PackInputs'),
    ]))
train_cfg = dict(max_epochs=100, val_interval=10, stages=dict(phase2=80))
custom_hooks = [
    dict(type='FACoGHook', batch_size=128, dtype='float16', max_per_class=500),
]
