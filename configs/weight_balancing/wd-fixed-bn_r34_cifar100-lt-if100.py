# "WD fixed BN": the WD row with every BN scale fixed to 1 and shift to 0
# (the WB-analysis code's untrained BN weight and bias, initial value 1).
_base_ = ['./wd_r34_cifar100-lt-if100.py']
model = dict(backbone=dict(norm_cfg=dict(type='FixedBN', scale=1.0)))
