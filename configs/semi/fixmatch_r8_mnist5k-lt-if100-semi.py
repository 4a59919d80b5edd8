# FixMatch (Sohn et al. 2020) on long-tailed MNIST5k: the labeled part of
# the supervised row (N_1 = 190, IF = 100) with an unlabeled part of the
# same profile (M_1 = 190; `unlabeled_profile='reversed'` or 'uniform' for
# the mismatched cases), mu = 2 unlabeled images per labeled one
# (FixMatch's 7 would make a CPU step 15 batches), threshold 0.95,
# lambda_u = 1. Weak view: the digits' random crop; strong view: two
# RandAugment operations of a geometric / pixel-value pool that works on
# one channel (rotate, shear, translate, solarize, posterize), then Cutout
# of half the side (FixMatch's 16 of 32). ResNet-8, 1,500 iterations of 64
# labeled + 128 unlabeled images.
_base_ = ['./supervised_r8_mnist5k-lt-if100-semi.py']
model = dict(type='FixMatch', threshold=0.95, lambda_u=1.0)
# labeled images, weak and strong views normalised into one batch
data_preprocessor = dict(type='SemiSupervisedDataPreprocessor')
_weak = [dict(type='RandomCrop', crop_size=28, padding=2)]
_strong = [
    dict(type='RandomCrop', crop_size=28, padding=2),
    dict(
        type='RandAugment',
        policies=[
            dict(type='Rotate', magnitude_range=(0, 30)),
            dict(
                type='Shear', magnitude_range=(0, 0.3),
                direction='horizontal'),
            dict(type='Shear', magnitude_range=(0, 0.3), direction='vertical'),
            dict(
                type='Translate',
                magnitude_range=(0, 0.3),
                direction='horizontal'),
            dict(
                type='Translate',
                magnitude_range=(0, 0.3),
                direction='vertical'),
            dict(type='Solarize', magnitude_range=(256, 0)),
            dict(type='Posterize', magnitude_range=(4, 0)),
        ],
        num_policies=2,
        total_level=10,
        magnitude_level=10,
        magnitude_std='inf',
        hparams=dict(pad_val=0)),
    dict(type='Cutout', shape=14, pad_val=0),
]
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='SemiSupervisedDataset',
        dataset={{_base_.train_dataloader.dataset}},
        unlabeled=dict(
            type='SemiSupervisedSplit',
            part='unlabeled',
            num_labeled=190,
            num_unlabeled=190,
            imb_factor=100,
            unlabeled_profile='same',
            dataset=dict(
                type='MNIST5k',
                split='train',
                pipeline=[
                    dict(
                        type='MultiView',
                        num_views=[1, 1],
                        transforms=[_weak, _strong]),
                    dict(type='PackInputs'),
                ]))),
    sampler=dict(
        _delete_=True, type='SemiSupervisedSampler', mu=2, num_samples=960))
# pseudo-label precision / recall on the unlabeled set every 10 epochs
custom_hooks = [dict(type='PseudoLabelHook', interval=10, threshold=0.95)]
