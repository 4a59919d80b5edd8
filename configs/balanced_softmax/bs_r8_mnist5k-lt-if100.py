# Balanced softmax (Ren et al. 2020), ResNet-8, MNIST5k-LT IF=100, CPU.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='BalancedSoftmaxLoss')))
