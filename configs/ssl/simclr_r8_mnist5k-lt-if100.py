# SimCLR (mmpretrain's model) pre-trained without labels on MNIST5k-LT
# IF=100, ResNet-8, the benchmark's 1,500 iterations (batch 64, two views
# each), temperature 0.2 (SDCLR's and TS' SimCLR baseline on CIFAR-LT).
# Evaluated once at the end by kNN@10 and a linear probe on the frozen
# pooled features of the long-tailed training images, tested on the
# balanced test split (FeatureProbeLoop: knn/lt/*, linear/lt/*).
_base_ = [
    '../_base_/datasets/mnist5k_lt.py', '../_base_/schedules/mnist5k.py',
    '../_base_/default_runtime.py'
]
model = dict(
    type='SimCLR',
    backbone=dict(type='ResNetLDAM', depth=8, in_channels=1),
    neck=dict(
        type='NonLinearNeck',
        in_channels=64,
        hid_channels=64,
        out_channels=32,
        num_layers=2,
        with_avg_pool=True,
        # SyncBN (the neck's default, SimCLR's global BN) needs GPUs; this
        # CPU config also runs under CPU DDP
        norm_cfg=dict(type='BN1d')),
    head=dict(
        type='ContrastiveHead',
        loss=dict(type='CrossEntropyLoss'),
        temperature=0.2))
data_preprocessor = dict(
    _delete_=True,
    type='SelfSupDataPreprocessor',
    mean=[33.3],
    std=[78.6],
    to_rgb=False)
# two views of every image; digits keep their identity under crops and
# small rotations (no flips, no colour: one grey channel)
_view = [
    dict(type='RandomResizedCrop', scale=28, crop_ratio_range=(0.3, 1.0)),
    dict(type='Rotate', angle=15.0, prob=0.5, random_negative_prob=0.5),
]
train_dataloader = dict(
    collate_fn=dict(type='default_collate'),
    dataset=dict(pipeline=[
        dict(type='MultiView', num_views=2, transforms=[_view]),
        dict(type='PackInputs'),
    ]))
val_dataloader = dict(collate_fn=dict(type='default_collate'))
test_dataloader = val_dataloader
# probes fitted on the training images, unaugmented
val_cfg = dict(type='FeatureProbeLoop')
train_cfg = dict(val_interval=100)
