# VS loss (Kini et al. 2021), gamma 0.3, tau 1.0 (the authors' VSLoss
# defaults). ResNet-8, MNIST5k-LT.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='VSLoss', gamma=0.3, tau=1.0)))
