# mmpretrain's runtime, plus mmlt's registrations and class statistics.
_base_ = ['mmpretrain::_base_/default_runtime.py']

custom_imports = dict(imports=['mmlt'], allow_failed_imports=False)

# Every config is seeded (a run is reproducible and resumes bit-exactly);
# benchmark suites vary it with `randomness.seed`.
randomness = dict(seed=0, deterministic=False)

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    # training class counts -> losses, heads, metrics and checkpoints
    class_counts=dict(type='ClassCountsHook'),
    # written to a temporary file and renamed: a kill never truncates one
    checkpoint=dict(
        type='CheckpointHook',
        interval=1,
        max_keep_ckpts=2,
        backend_args=dict(backend='mmlt_atomic_local')),
    # every epoch's random streams from (seed, epoch): bit-exact resume
    epoch_seed=dict(type='EpochSeedHook'),
    # `load_from` / tools/test.py: a checkpoint that does not fit the model
    # is an error; recipes declare what they re-initialise, e.g.
    # strict_load=dict(allow_missing=('head.fc', ))
    strict_load=dict(type='StrictLoadHook'))
