# CE-DRW (Cao et al. 2019, the DRW row of Table 2): softmax cross-entropy,
# effective-number weights (beta 0.9999) from epoch 80 of the benchmark's
# 100, linear head. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(
            _delete_=True,
            type='LogitAdjustedLoss',
            tau=0.0,
            class_weight='effective',
            beta=0.9999)))
train_cfg = dict(stages=dict(erm=0, drw=80))
custom_hooks = [dict(type='DRWHook', stage='drw')]
