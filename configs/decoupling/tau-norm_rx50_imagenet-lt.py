# tau-normalisation of the 90-epoch CE ResNeXt-50 on ImageNet-LT. Search
# tau on ImageNet_LT_val.txt, then test:
#   python tools/search_posthoc.py THIS_CONFIG CKPT --grid 0 1 0.1 \
#       --out tuned.py
#   python tools/test.py tuned.py CKPT
_base_ = ['../baseline/ce_rx50_imagenet-lt.py']
model = dict(
    head=dict(
        type='LTLinearClsHead', posthoc=dict(type='TauNormalize', tau=0.7)))
