# LWS (Kang et al. 2020), ResNeXt-50, ImageNet-LT: 90 epochs joint CE, then
# 10 epochs learning the per-class scales only, class-aware sampling.
_base_ = ['./crt_rx50_imagenet-lt.py']
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
        sampler=dict(type='ClassAwareSampler', num_samples_cls=4),
        lr=0.2),
]
