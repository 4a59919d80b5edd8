# NCM on the 90-epoch CE ResNeXt-50, ImageNet-LT.
_base_ = ['../baseline/ce_rx50_imagenet-lt.py']
model = dict(head=dict(type='NCMHead'))
# ClassMeanHook computes the class means before every evaluation: a CE
# checkpoint has none.
default_hooks = dict(strict_load=dict(allow_missing=('head.class_means', )))
custom_hooks = [dict(type='ClassMeanHook')]
