# Class-balanced softmax cross-entropy (Cui et al. 2019), beta 0.9999. The
# mean divides by the batch's class weights (LDAM-DRW's reading, mmlt's
# default); Cui et al.'s code divides by N: class_weight_norm='batch'.
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
