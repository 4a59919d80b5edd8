# mmpretrain's runtime, plus mmlt's registrations and class statistics.
_base_ = ['mmpretrain::_base_/default_runtime.py']

custom_imports = dict(imports=['mmlt'], allow_failed_imports=False)

# Training class counts -> losses, heads, metrics and checkpoints.
custom_hooks = [dict(type='ClassCountsHook')]

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=2))
