# COG-OS: COG's sub-classes, each replicated up to the largest sub-class
# (phase II, random over-sampling drawn anew every pass). ResNet-8,
# MNIST5k-LT IF=100, the benchmark's 1,500 iterations (15 an epoch).
_base_ = ['./cog_r8_mnist5k-lt-if100.py']
train_dataloader = dict(
    sampler=dict(
        _delete_=True,
        type='RandomResampleSampler',
        mode='over',
        num_samples=960))
