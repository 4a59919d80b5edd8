# PRODEN on CIFAR-10-LT IF=100 with ambiguity q = 0.3, RECORDS' setting:
# CIFAR-stem ResNet-18 (512-d features), SGD lr 0.01, momentum 0.9, weight
# decay 1e-3, batch 256, 800 epochs, cosine to lr x 1e-3 with no warm-up,
# confidences updated from epoch 1. q = 0.5 / 0.7 with
#   --cfg-options train_dataloader.dataset.q=0.5
_base_ = ['../_base_/datasets/cifar10_lt.py', '../_base_/default_runtime.py']
model = dict(
    type='ImageClassifier',
    backbone=dict(
        type='ResNet_CIFAR',
        depth=18,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='PartialLabelClsHead',
        num_classes=10,
        in_channels=512,
        rebalance=None))
train_dataloader = dict(
    batch_size=256,
    dataset=dict(
        _delete_=True,
        type='PartialLabelDataset',
        q=0.3,
        dataset=dict(
            type='CIFAR10LT',
            data_root={{_base_.data_root}},
            split='train',
            imb_factor=100,
            pipeline=[
                dict(type='RandomCrop', crop_size=32, padding=4),
                dict(type='RandomFlip', prob=0.5, direction='horizontal'),
                dict(type='PackInputs', algorithm_keys=['candidates']),
            ])))
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=1e-3))
param_scheduler = dict(
    type='CosineAnnealingLR', T_max=800, eta_min=1e-5, by_epoch=True)
train_cfg = dict(type='StageTrainLoop', max_epochs=800, val_interval=10)
val_cfg = dict()
test_cfg = dict()
