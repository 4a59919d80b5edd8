# BCL on SimCLR, CIFAR-100-LT IF=100 (row "BCL" of the tutorial's GH
# table), ResNet-18, 2,000 epochs: memorization scores from the momentum
# average (0.9) of each image's contrastive loss; after SimCLR's CIFAR
# view transforms each view applies rotation (up to 30 degrees), shear
# (0.3) and translation (0.2 of the size), each with probability M_i and
# at M_i times that strength (mmlt's choice of operations, as on
# MNIST5k-LT: the slide names no list).
_base_ = ['./simclr_r18_cifar100-lt-if100.py']
model = dict(
    _delete_=True,
    type='BoostedContrastiveLearning',
    momentum=0.9,
    model={{_base_.model}})
_view = [
    dict(type='Compose', transforms={{_base_._view}}),
    dict(
        type='MemorizationAugment',
        transforms=[
            dict(type='Rotate', magnitude_range=(0, 30)),
            dict(type='Shear', magnitude_range=(0, 0.3)),
            dict(type='Translate', magnitude_range=(0, 0.2)),
        ]),
]
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='MultiView', num_views=2, transforms=[_view]),
        dict(type='PackInputs'),
    ]))
custom_hooks = [dict(type='MemorizationScoreHook')]
