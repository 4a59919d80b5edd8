# Cross-entropy with mmpretrain's Mixup (alpha 1.0, RCAL's setting) on
# noisy MNIST5k-LT IF=100, symmetric noise 0.4: the control that tells
# how much of RCAL's gain is Mixup's own robustness to wrong labels
# (the noisy-label suite's "CE + Mixup" row; no contrastive start, no
# calibration, no regulariser).
_base_ = ['./ce_r8_mnist5k-lt-if100-sym0.4.py']
model = dict(train_cfg=dict(augments=dict(type='Mixup', alpha=1.0)))
