# LDAM-DRW (Cao et al. 2019), ResNet-8, MNIST5k-LT IF=100: cosine head,
# LDAM (max_m 0.5, s 30), effective-number weights (beta 0.9999) from
# epoch 80 of the benchmark's 100 (LDAM-DRW's 160 of 200, scaled).
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='NormedLinearClsHead',
        predict_scale=30.0,  # the loss's s: calibrated probabilities
        loss=dict(
            _delete_=True,
            type='LDAMLoss',
            max_m=0.5,
            s=30.0,
            class_weight='effective',
            beta=0.9999)))
train_cfg = dict(stages=dict(erm=0, drw=80))
custom_hooks = [dict(type='DRWHook', stage='drw')]
