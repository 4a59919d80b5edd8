# BCL (boosted contrastive learning) on SimCLR: each image's contrastive
# loss averaged over training (momentum 0.9) gives its memorization score
# M in [0, 1]; each view then applies rotation (up to 30 degrees), shear
# (0.3) and translation (0.2 of the size), each with probability M and at
# M times that strength, after SimCLR's own view transforms. MNIST5k-LT
# IF=100, ResNet-8, the benchmark's 1,500 iterations.
_base_ = ['./simclr_r8_mnist5k-lt-if100.py']
model = dict(
    _delete_=True,
    type='BoostedContrastiveLearning',
    momentum=0.9,
    model={{_base_.model}})
_view = [
    dict(type='RandomResizedCrop', scale=28, crop_ratio_range=(0.3, 1.0)),
    dict(type='Rotate', angle=15.0, prob=0.5, random_negative_prob=0.5),
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
