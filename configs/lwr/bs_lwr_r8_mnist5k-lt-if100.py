# Balanced softmax + LWR (theta 0.4, tau 0.1, lambda 0.1 decayed by
# (1 - t/T)^2). ResNet-8, MNIST5k-LT IF=100, CPU.
_base_ = ['../balanced_softmax/bs_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        weight_reg=dict(
            type='LWRLoss',
            theta=0.4,
            tau=0.1,
            projector=False,
            loss_weight=0.1)))
custom_hooks = [
    dict(type='LWRScheduleHook', power=2.0),
]
