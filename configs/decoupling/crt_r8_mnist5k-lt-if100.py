# cRT (Kang et al. 2020): the benchmark's 100 epochs of CE, then 11 epochs
# (their 10 after 90) re-training a re-initialised classifier on frozen
# features with class-aware sampling, 960 samples an epoch as in stage 1.
_base_ = [
    '../_base_/datasets/mnist5k_lt.py', '../_base_/models/resnet8_mnist.py',
    '../_base_/schedules/mnist5k_two_stage.py', '../_base_/default_runtime.py'
]
randomness = dict(seed=0)
model = dict(head=dict(type='LTLinearClsHead'))
# Stage 2 re-initialises head.fc: a checkpoint without it (or with another
# number of classes) loads.
default_hooks = dict(strict_load=dict(allow_missing=('head.fc', )))
custom_hooks = [
    dict(
        type='ClassifierStageHook',
        stage='classifier',
        freeze=('backbone', 'neck'),
        reinit=('head.fc', ),
        sampler=dict(type='ClassAwareSampler', num_samples=960),
        lr=0.1),
]
