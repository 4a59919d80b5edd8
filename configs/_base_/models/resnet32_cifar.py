# ResNet-32 of LDAM-DRW (0.46M parameters, 64-d features) for CIFAR-LT.
model = dict(
    type='ImageClassifier',
    backbone=dict(type='ResNetLDAM', depth=32),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead',
        num_classes=100,
        in_channels=64,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
    ))
