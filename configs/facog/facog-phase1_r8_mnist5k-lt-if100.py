# FACoG ablation: phase 1 only (CE + supervised contrastive) for the whole
# 30-epoch budget, no dictionary, no generation.
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
custom_hooks = [
    dict(type='ClassCountsHook'),
    dict(type='FACoGHook', phase2_epoch=30, batch_size=64),
]
param_scheduler = dict(
    main=[dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=30)])
