# Balanced softmax + LWR (theta 0.4, tau 0.1, on the class vectors through
# the one-hidden-layer projector, weight lambda(t) = (1 - t/T)^2: the
# paper's Table 1 method). ResNet-8, MNIST5k-LT IF=100, CPU.
_base_ = ['../balanced_softmax/bs_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        weight_reg=dict(
            type='LWRLoss',
            theta=0.4,
            tau=0.1,
            projector=True,  # Table 1's method (Table 4, last row)
            loss_weight=1.0)))  # Eq. (7): lambda(t) = (1 - t/T)^2
custom_hooks = [
    dict(type='LWRScheduleHook', power=2.0),
]
