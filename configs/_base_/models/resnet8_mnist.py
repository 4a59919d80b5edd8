# CPU-sized LDAM ResNet-8 for 28x28 single-channel digits.
model = dict(
    type='ImageClassifier',
    backbone=dict(type='ResNetLDAM', depth=8, in_channels=1),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead',
        num_classes=10,
        in_channels=64,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
    ))
