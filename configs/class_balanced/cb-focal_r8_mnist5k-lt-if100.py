# Class-balanced softmax focal loss (Cui et al. 2019): effective-number
# weights, beta 0.9999, gamma 1. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(
            _delete_=True,
            type='SoftmaxFocalLoss',
            gamma=1.0,
            class_weight='effective',
            beta=0.9999)))
