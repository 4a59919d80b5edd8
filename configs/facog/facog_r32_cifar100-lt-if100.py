# FACoG, ResNet-32, CIFAR-100-LT IF=100 (Park et al., ICCV 2023 workshops,
# Sec. 4.2): phase 1 on images with batch 256, then phase 2 on dictionary
# features with batch 128 (schedule: ../_base_/schedules/facog_200e.py).
_base_ = [
    '../_base_/datasets/cifar100_lt.py', '../_base_/models/facog_r32_cifar.py',
    '../_base_/schedules/facog_200e.py', '../_base_/default_runtime.py'
]
data_preprocessor = dict(type='MultiViewClsDataPreprocessor')
# classifier branch: AutoAugment + Cutout; projection branch: SimCLR
train_dataloader = dict(
    batch_size=256,
    dataset=dict(pipeline=[
        dict(
            type='MultiView',
            num_views=[1, 2],
            transforms=[
                [
                    dict(type='RandomCrop', crop_size=32, padding=4),
                    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
                    dict(type='AutoAugment', policies='imagenet'),
                    dict(type='Cutout', shape=16)
                ],
                [
                    dict(
                        type='RandomResizedCrop',
                        scale=32,
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
custom_hooks = [dict(type='FACoGHook', batch_size=128)]
