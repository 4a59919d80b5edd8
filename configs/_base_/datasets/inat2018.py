# iNaturalist 2018: 8,142 classes, 437.5K training images.
# data/inat2018/ holds the iNaturalist 2018 images (train_val2018/) and
# the list files iNaturalist18_train.txt, iNaturalist18_val.txt.
dataset_type = 'INat2018'
data_root = 'data/inat2018'
data_preprocessor = dict(
    num_classes=8142,
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    to_rgb=True)

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=224),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=256, edge='short'),
    dict(type='CenterCrop', crop_size=224),
    dict(type='PackInputs'),
]

train_dataloader = dict(
    batch_size=64,
    num_workers=8,
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='iNaturalist18_train.txt',
        pipeline=train_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=True),
)
val_dataloader = dict(
    batch_size=64,
    num_workers=8,
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='iNaturalist18_val.txt',
        pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False),
)
val_evaluator = [dict(type='LTAccuracy', topk=(1, 5)), dict(type='ECE')]
test_dataloader = val_dataloader
test_evaluator = val_evaluator
