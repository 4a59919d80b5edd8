# NCM on the 90-epoch CE ResNeXt-50, ImageNet-LT.
_base_ = ['../baseline/ce_rx50_imagenet-lt.py']
model = dict(head=dict(type='NCMHead'))
custom_hooks = [dict(type='ClassCountsHook'), dict(type='ClassMeanHook')]
