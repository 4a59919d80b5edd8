# COG, ResNet-32, CIFAR-100-LT IF=100: each class clustered by k-means in
# pixel space into K(i) = min(10, round(n_i / 5)) sub-classes (688 in
# all), CE over them, predictions mapped back to the class; the CE
# baseline's schedule.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
_cog = dict(subclass_size=None, max_subclasses=10)
model = dict(
    head=dict(
        _delete_=True,
        type='SubclassClsHead',
        num_classes=100,
        in_channels=64,
        **_cog))
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='SubclassDataset',
        dataset=dict(
            type='CIFAR100LT',
            data_root={{_base_.data_root}},
            split='train',
            imb_factor=100,
            pipeline=[
                dict(type='RandomCrop', crop_size=32, padding=4),
                dict(type='RandomFlip', prob=0.5, direction='horizontal'),
                dict(type='PackInputs', algorithm_keys=['gt_class']),
            ]),
        **_cog))
