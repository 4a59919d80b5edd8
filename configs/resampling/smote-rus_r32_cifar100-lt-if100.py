# SMOTE up to the square root of the data's imbalance factor (10 here),
# then under-sampling of every class
# to the smallest each pass (the tutorial's pairing), ResNet-32,
# CIFAR-100-LT IF=100, epochs of CE's length (10,847 samples).
_base_ = ['./smote_r32_cifar100-lt-if100.py']
train_dataloader = dict(
    dataset=dict(target_imb_factor='sqrt'),
    sampler=dict(
        _delete_=True,
        type='RandomResampleSampler',
        mode='under',
        num_samples=10847))
