# LDAM-DRW + CMO, ResNet-32, CIFAR-100-LT IF=100, 200 epochs: the CMO soft
# target gives lam L(y_a) + (1 - lam) L(y_b) as CMO's code computes it,
# with DRW's weights too (each term divided by its own labels' weights).
_base_ = ['./bs_cmo_r32_cifar100-lt-if100-200e.py']
model = dict(
    head=dict(
        type='NormedLinearClsHead',
        predict_scale=30.0,
        loss=dict(
            _delete_=True,
            type='LDAMLoss',
            max_m=0.5,
            s=30.0,
            class_weight='effective',
            beta=0.9999)))
train_cfg = dict(stages=dict(erm=0, drw=160))
custom_hooks = [
    dict(type='CMOHook', begin=3),
    dict(type='DRWHook', stage='drw'),
]
