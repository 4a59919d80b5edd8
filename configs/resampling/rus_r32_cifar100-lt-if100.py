# Random under-sampling to balanced, ResNet-32, CIFAR-100-LT IF=100, on the
# CE baseline's LDAM-DRW schedule (200 epochs). An epoch keeps CE's length
# (10,847 samples of the chain of re-sampled passes), so every row trains
# the same number of iterations.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
train_dataloader = dict(
    sampler=dict(
        _delete_=True,
        type='RandomResampleSampler',
        mode='under',
        num_samples=10847))
