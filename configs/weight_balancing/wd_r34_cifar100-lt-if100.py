# Table 5 row "WD" (= WB's stage 1 alone): CIFAR-stem ResNet-34
# (mmpretrain ResNet_CIFAR), CIFAR-100-LT IF=100 (first-n protocol of the WB
# code), CE, weight decay 5e-3, batch 64, lr 0.01, cosine, 320 epochs.
# The "CE" row: --cfg-options optim_wrapper.optimizer.weight_decay=5e-4;
# "WD without BN": ...paramwise_cfg.norm_decay_mult=0.
_base_ = [
    '../_base_/datasets/cifar100_lt.py',
    '../_base_/schedules/wb_cifar_320e.py', '../_base_/default_runtime.py'
]
model = dict(
    type='ImageClassifier',
    backbone=dict(
        type='ResNet_CIFAR',
        depth=34,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LTLinearClsHead',
        num_classes=100,
        in_channels=512,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
train_dataloader = dict(batch_size=64, dataset=dict(protocol='first_n'))
