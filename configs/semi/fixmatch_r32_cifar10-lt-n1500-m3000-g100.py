# FixMatch on CIFAR-10-LT with the DARP / ABC protocol: labeled N_1 = 1500,
# unlabeled M_1 = 3000, gamma = 100 (both profiles exponential, drawn from
# the 5,000-image classes of CIFAR-10's training set, seed 0); the
# mismatched case: --cfg-options
#   train_dataloader.dataset.unlabeled.unlabeled_profile=reversed
# FixMatch's CIFAR settings: batch 64, mu = 7, tau = 0.95, lambda_u = 1,
# SGD (nesterov, momentum 0.9, lr 0.03, weight decay 5e-4), 2^20
# iterations; RandAugment (2 operations, random magnitude) and Cutout for
# the strong view. Deviations: ResNet-32 of LDAM-DRW in place of
# WRN-28-2 (mmpretrain has no WRN), mmengine's cosine to 0 in place of
# FixMatch's lr cos(7 pi k / 16 K), and the model itself evaluated where
# FixMatch evaluates an EMA of it (0.999).
_base_ = [
    '../_base_/datasets/cifar10_lt.py', '../_base_/models/resnet32_cifar.py',
    '../_base_/default_runtime.py'
]
model = dict(
    type='FixMatch', threshold=0.95, lambda_u=1.0, head=dict(num_classes=10))
# labeled images, weak and strong views normalised into one batch
data_preprocessor = dict(type='SemiSupervisedDataPreprocessor')
_split = dict(
    type='SemiSupervisedSplit',
    num_labeled=1500,
    num_unlabeled=3000,
    imb_factor=100,
    unlabeled_profile='same')
_weak = [
    dict(type='RandomCrop', crop_size=32, padding=4, padding_mode='reflect'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
]
_strong = _weak + [
    dict(
        type='RandAugment',
        policies='timm_increasing',
        num_policies=2,
        total_level=10,
        magnitude_level=10,
        magnitude_std='inf',
        hparams=dict(pad_val=[128, 128, 128])),
    dict(type='Cutout', shape=16, pad_val=[128, 128, 128]),
]
train_dataloader = dict(
    batch_size=64,
    dataset=dict(
        _delete_=True,
        type='SemiSupervisedDataset',
        dataset=dict(
            part='labeled',
            dataset=dict(
                type='CIFAR10',
                download=False,
                data_root={{_base_.data_root}},
                split='train',
                pipeline=_weak + [dict(type='PackInputs')]),
            **_split),
        unlabeled=dict(
            part='unlabeled',
            dataset=dict(
                type='CIFAR10',
                download=False,
                data_root={{_base_.data_root}},
                split='train',
                pipeline=[
                    dict(
                        type='MultiView',
                        num_views=[1, 1],
                        transforms=[_weak, _strong]),
                    dict(type='PackInputs'),
                ]),
            **_split)),
    sampler=dict(
        _delete_=True,
        type='SemiSupervisedSampler',
        mu=7,
        num_samples=64 * 1024))
# 1,024 epochs of 1,024 iterations: 2^20
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.03, momentum=0.9, nesterov=True, weight_decay=5e-4))
param_scheduler = dict(
    type='CosineAnnealingLR', T_max=1024, eta_min=0.0, by_epoch=True)
train_cfg = dict(type='StageTrainLoop', max_epochs=1024, val_interval=16)
val_cfg = dict()
test_cfg = dict()
custom_hooks = [dict(type='PseudoLabelHook', interval=64, threshold=0.95)]
