# Logit-adjusted loss (Menon et al. 2021), tau=1, ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='LogitAdjustedLoss', tau=1.0)))
