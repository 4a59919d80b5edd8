# Head ablation: LDAM-DRW on the plain linear head. The logits are not
# cosines, so the loss adds its margins (max_m 0.5) to them unscaled
# (s = 1); DRW as in the cosine-head config. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['./ldam-drw_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        _delete_=True,
        type='LTLinearClsHead',
        num_classes=10,
        in_channels=64,
        loss=dict(
            type='LDAMLoss',
            max_m=0.5,
            s=1.0,
            class_weight='effective',
            beta=0.9999)))
