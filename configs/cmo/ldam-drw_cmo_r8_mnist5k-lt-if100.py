# LDAM-DRW + CMO, ResNet-8, MNIST5k-LT IF=100, CPU: the suite's BS + CMO
# run with LDAM-DRW's cosine head and loss (max_m 0.5, s 30, effective-number
# weights from epoch 80 of 100); the soft target gives lam L(y_a) +
# (1 - lam) L(y_b), each term with its own labels' DRW weights (CMO's code).
_base_ = ['./bs_cmo_r8_mnist5k-lt-if100.py']
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
train_cfg = dict(stages=dict(erm=0, drw=80))
custom_hooks = [
    dict(type='CMOHook', begin=3),
    dict(type='DRWHook', stage='drw'),
]
