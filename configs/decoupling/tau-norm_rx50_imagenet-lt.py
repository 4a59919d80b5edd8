# tau-normalisation of the 90-epoch CE ResNeXt-50 on ImageNet-LT, tau tuned
# on ImageNet_LT_val.txt (the search_dataloader) at the end of training or,
# for a CE checkpoint, before its test (PosthocSearchHook):
#   tools/dist_test.sh THIS_CONFIG CKPT 8
_base_ = ['../baseline/ce_rx50_imagenet-lt.py']
model = dict(
    head=dict(
        type='LTLinearClsHead', posthoc=dict(type='TauNormalize', tau=1.0)))
custom_hooks = [dict(type='PosthocSearchHook')]
