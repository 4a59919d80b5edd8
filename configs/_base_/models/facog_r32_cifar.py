# FACoG with the CIFAR ResNet-32 (64-d features): f_cls 64 -> 64 -> C,
# f_proj 64 -> 64 -> 128 (D_P), G and D of three FC layers, N_s = 5.
model = dict(
    type='FACoG',
    backbone=dict(type='ResNetLDAM', depth=32),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LTLinearClsHead',
        num_classes=100,
        in_channels=64,
        mid_channels=[64],
        # torch's default init of both layers, as mmpretrain's
        # StackedLinearClsHead (LinearClsHead's std-0.01 normal init would
        # give two stacked near-zero layers)
        init_cfg=None,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0)),
    projector=dict(in_channels=64, hidden=64, out_channels=128),
    generator=dict(type='ConvexWeightGenerator', num_samples=5),
    discriminator=dict(type='FeatureDiscriminator', hidden=256),
    contrastive_loss=dict(type='SupConLoss', temperature=0.1),
    lambda_ce=1.0,
    lambda_sc=0.1,
    lambda_adv=1.0,
    lambda_asc=0.1,
    cls_label_sampling='deficit')
