# "WD fixed BN": weight decay 5e-3 with every BN scale fixed to 1 and every
# shift to 0 (FixedBN), so the decay acts on convolutions and classifier
# only. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['./wd_r8_mnist5k-lt-if100.py']
model = dict(backbone=dict(norm_cfg=dict(type='FixedBN', scale=1.0)))
