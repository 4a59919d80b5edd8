# CE-DRW (Cao et al. 2019, the DRW row of Table 2): the class-balanced
# softmax CE (effective-number weights, beta 0.9999) switched on from epoch
# 80 of the benchmark's 100, linear head. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../class_balanced/cb-softmax_r8_mnist5k-lt-if100.py']
train_cfg = dict(stages=dict(erm=0, drw=80))
custom_hooks = [dict(type='DRWHook', stage='drw')]
