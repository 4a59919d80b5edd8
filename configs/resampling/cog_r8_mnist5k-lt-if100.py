# COG (the tutorial's local decomposition): each digit clustered by k-means
# in pixel space into K(i) = min(10, round(n_i / n_min)) sub-classes (72 at
# IF=100, 42 at IF=10), CE over the sub-classes, a predicted sub-class
# mapped back to its digit. ResNet-8, MNIST5k-LT IF=100, the benchmark's
# 1,500 iterations.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
_cog = dict(subclass_size=None, max_subclasses=10)
model = dict(
    head=dict(
        _delete_=True,
        type='SubclassClsHead',
        num_classes=10,
        in_channels=64,
        **_cog))
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='SubclassDataset',
        dataset=dict(
            type='MNIST5kLT',
            split='train',
            imb_factor=100,
            pipeline=[
                dict(type='RandomCrop', crop_size=28, padding=2),
                dict(type='PackInputs', algorithm_keys=['gt_class']),
            ]),
        **_cog))
