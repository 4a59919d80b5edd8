# BS + CMO, ResNet-50, ImageNet-LT, 100 epochs, batch 256 (8 GPUs x 32):
# SGD lr 0.1, wd 2e-4, x0.1 at 60 and 80 (our ImageNet-LT step schedule;
# CMO's zoo model reports 52.3 top-1). CutMix on for 3 < epoch < 97.
_base_ = [
    '../_base_/datasets/imagenet_lt.py',
    '../_base_/models/resnet50_imagenet_lt.py',
    '../_base_/schedules/imagenet_lt_100e.py', '../_base_/default_runtime.py'
]
train_dataloader = dict(
    batch_size=32,
    dataset=dict(
        _delete_=True,
        type='CMODataset',
        dataset=dict(
            type='ImageNetLT',
            data_root='data/imagenet',
            ann_file='ImageNet_LT_train.txt',
            pipeline=[
                dict(type='LoadImageFromFile'),
                dict(type='RandomResizedCrop', scale=224),
                dict(type='RandomFlip', prob=0.5, direction='horizontal'),
                dict(type='PackInputs'),
            ])),
    sampler=dict(_delete_=True, type='CMOSampler', alpha=1.0))
# merged into the dataset base's preprocessor (num_classes, mean, std)
data_preprocessor = dict(type='CMODataPreprocessor', prob=0.5, beta=1.0)
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='BalancedSoftmaxLoss')))
custom_hooks = [dict(type='CMOHook', begin=3)]
