# CE-DRW + LWR, ResNet-50, ImageNet-LT (LWR paper, Table 3): effective-
# number class weights (beta 0.9999) from epoch 80 of 100.
_base_ = ['./bs_lwr_imagenet-lt.py']
model = dict(
    head=dict(
        loss=dict(
            _delete_=True,
            type='LogitAdjustedLoss',
            tau=0.0,
            class_weight='effective',
            beta=0.9999)))
train_cfg = dict(stages=dict(erm=0, drw=80))
custom_hooks = [
    dict(type='LWRScheduleHook', power=2.0),
    dict(type='DRWHook', stage='drw'),
]
