# FACoG on MNIST5k-LT IF=100, CPU-sized: ResNet-8 (64-d features), the
# shared 30-epoch budget split into 20 epochs of phase 1 (images: CE on the
# classifier view + 0.1 x supervised contrastive loss on two projection
# views) and 10 epochs of phase 2 (dictionary features: LSGAN G / D,
# augmented contrastive loss, f_cls fine-tuned on real + generated
# features). Phase-2 learning rates 0.005 as in the paper; phase 1 uses the
# suite's lr 0.1 (the paper's 0.5 is for batch 256 on CIFAR).
_base_ = [
    '../_base_/datasets/mnist5k_lt.py', '../_base_/default_runtime.py'
]
# normalises each of the three training views (and single test images)
data_preprocessor = dict(type='MultiViewClsDataPreprocessor')
model = dict(
    type='FACoG',
    backbone=dict(type='ResNetLDAM', depth=8, in_channels=1),
    neck=dict(type='GlobalAveragePooling'),
    # f_cls: two FC layers with a ReLU between them
    head=dict(type='StackedLinearClsHead', num_classes=10, in_channels=64,
              mid_channels=[64],
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0)),
    # f_proj: the same shape, output D_P = 128
    projector=dict(in_channels=64, hidden=64, out_channels=128),
    generator=dict(type='ConvexWeightGenerator', num_samples=5),
    discriminator=dict(type='FeatureDiscriminator', hidden=256),
    contrastive_loss=dict(type='SupConLoss', temperature=0.1),
    lambda_ce=1.0, lambda_sc=0.1, lambda_adv=1.0, lambda_asc=0.1,
    cls_label_sampling='inverse')
# classifier branch: the suite's crop; projection branch: SimCLR-style
# crops with brightness changes (grey digits: no colour jitter)
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='MultiView', num_views=[1, 2], transforms=[
            [dict(type='RandomCrop', crop_size=28, padding=2)],
            [dict(type='RandomResizedCrop', scale=28,
                  crop_ratio_range=(0.5, 1.0)),
             dict(type='RandomApply', prob=0.8, transforms=[
                 dict(type='ColorJitter', brightness=0.4, backend='cv2')])],
        ]),
        dict(type='PackInputs'),
    ]))
_sgd = dict(type='SGD', momentum=0.9, weight_decay=1e-4)
optim_wrapper = dict(
    constructor='ModuleGroupsOptimWrapperConstructor',
    main=dict(modules=['backbone', 'head', 'projector'],
              optimizer=dict(_sgd, lr=0.1)),
    generator=dict(modules=['generator', 'projector'],
                   optimizer=dict(_sgd, lr=0.005)),
    discriminator=dict(modules=['discriminator'],
                       optimizer=dict(_sgd, lr=0.005)),
    classifier=dict(modules=['head'], optimizer=dict(_sgd, lr=0.005)))
param_scheduler = dict(
    main=[dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=20)],
    generator=[], discriminator=[], classifier=[])
train_cfg = dict(by_epoch=True, max_epochs=30, val_interval=10)
val_cfg = dict()
test_cfg = dict()
custom_hooks = [
    dict(type='ClassCountsHook'),
    dict(type='FACoGHook', phase2_epoch=20, batch_size=64),
]
# under DDP every part is wrapped on its own (FACoG steps them separately)
model_wrapper_cfg = dict(type='MMSeparateDistributedDataParallel',
                         broadcast_buffers=True)
