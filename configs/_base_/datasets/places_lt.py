# Places-LT (Liu et al., CVPR 2019): 365 classes, 62.5K training images.
# data/places365/ holds the Places-365 images and the split files
# Places_LT_train.txt, Places_LT_val.txt, Places_LT_test.txt.
dataset_type = 'PlacesLT'
data_root = 'data/places365'
data_preprocessor = dict(
    num_classes=365,
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
        ann_file='Places_LT_train.txt',
        pipeline=train_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=True),
)
val_dataloader = dict(
    batch_size=64,
    num_workers=8,
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='Places_LT_test.txt',
        pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False),
)
val_evaluator = [dict(type='LTAccuracy', topk=(1, 5)), dict(type='ECE')]
test_dataloader = val_dataloader
test_evaluator = val_evaluator
