# SMOTE (Chawla et al. 2002), ResNet-32, CIFAR-100-LT IF=100: every class
# topped up to 500 images interpolated in pixel space (k = 5), created once;
# epochs of CE's length (10,847 samples), the CE baseline's schedule.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='SMOTEDataset',
        k=5,
        dataset=dict(
            type='CIFAR100LT',
            data_root={{_base_.data_root}},
            split='train',
            imb_factor=100,
            pipeline={{_base_.train_pipeline}})),
    sampler=dict(_delete_=True, type='UniformSampler', num_samples=10847))
