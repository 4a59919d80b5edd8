# COG-OS, ResNet-32, CIFAR-100-LT IF=100: COG's sub-classes replicated up to
# the largest; epochs of CE's length (10,847 samples).
_base_ = ['./cog_r32_cifar100-lt-if100.py']
train_dataloader = dict(
    sampler=dict(
        _delete_=True,
        type='RandomResampleSampler',
        mode='over',
        num_samples=10847))
