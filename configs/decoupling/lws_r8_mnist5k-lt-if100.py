# LWS (Kang et al. 2020): the benchmark's 100 epochs of CE, then 11 epochs
# (their 10 after 90) learning only the per-class scales with class-aware
# sampling (features and weights frozen), 960 samples an epoch.
_base_ = ['./crt_r8_mnist5k-lt-if100.py']
model = dict(head=dict(type='LWSHead'))
# LWS keeps the stage-1 classifier; only its scales may be new (a CE or
# cRT checkpoint has none).
default_hooks = dict(strict_load=dict(allow_missing=('head.scales', )))
custom_hooks = [
    dict(
        type='ClassifierStageHook',
        stage='classifier',
        freeze=('backbone', 'neck', 'head.fc'),
        trainable=('head.scales', ),
        sampler=dict(type='ClassAwareSampler', num_samples=960),
        lr=0.1),
]
