# CE-DRW + LWR, ResNet-50, ImageNet-LT (LWR paper, Table 3): effective-
# number class weights (beta 0.9999) from epoch 80 of 100.
_base_ = ['./bs_lwr_imagenet-lt.py']
model = dict(
    head=dict(
        loss=dict(_delete_=True, type='LogitAdjustedLoss', num_classes=1000,
                  tau=0.0, class_weight='effective', beta=0.9999)))
custom_hooks = [
    dict(type='ClassCountsHook'),
    dict(type='LWRScheduleHook', power=2.0),
    dict(type='DRWHook', start_epoch=80),
]
