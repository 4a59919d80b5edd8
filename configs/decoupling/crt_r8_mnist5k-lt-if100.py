# cRT (Kang et al. 2020): 30 epochs of CE, then 10 epochs re-training a
# re-initialised classifier on frozen features with class-aware sampling.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(head=dict(type='LTLinearClsHead'))
train_cfg = dict(max_epochs=40, val_interval=10)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=2,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=2, end=30),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=30, end=40),
]
custom_hooks = [
    dict(type='ClassCountsHook'),
    dict(type='ClassifierStageHook', start_epoch=30,
         freeze=('backbone', 'neck'), reinit=('head.fc', ),
         sampler=dict(type='ClassAwareSampler'), lr=0.1),
]
