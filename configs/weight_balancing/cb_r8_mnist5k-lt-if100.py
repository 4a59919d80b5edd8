# Table 5 row "CB": one stage, class-balanced CE with n_tilde / n_c weights
# (n_tilde the harmonic mean of the counts), no extra weight decay
# (5e-4 of the shared schedule). ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(
            _delete_=True,
            type='LogitAdjustedLoss',
            tau=0.0,
            class_weight='inverse')))
