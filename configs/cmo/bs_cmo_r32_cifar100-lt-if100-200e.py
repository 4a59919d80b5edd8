# Balanced softmax + CMO (Park et al., CVPR 2022), ResNet-32, CIFAR-100-LT
# IF=100: LDAM-DRW's 200-epoch schedule (batch 128, SGD 0.9, wd 2e-4, lr
# 0.1, decays at 160 and 180), minority stream 1/n_c (alpha 1), CutMix
# p=0.5, Beta(1,1), on for 3 < epoch < 197.
_base_ = ['../balanced_softmax/bs_r32_cifar100-lt-if100.py']
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='CMODataset',
        dataset=dict(
            type='CIFAR100LT',
            data_root='data/cifar100',
            split='train',
            imb_factor=100,
            pipeline=[
                dict(type='RandomCrop', crop_size=32, padding=4),
                dict(type='RandomFlip', prob=0.5, direction='horizontal'),
                dict(type='PackInputs'),
            ])),
    sampler=dict(_delete_=True, type='CMOSampler', alpha=1.0))
# merged into the dataset base's preprocessor (num_classes, mean, std)
data_preprocessor = dict(type='CMODataPreprocessor', prob=0.5, beta=1.0)
custom_hooks = [dict(type='CMOHook', begin=3)]
