# BS + LWR, ResNet-32, CIFAR-100-LT IF=100 (LWR paper, Table 1 setting):
# theta 0.4, tau 0.1, lambda (1 - t/T)^2-decayed, 200 epochs.
_base_ = [
    '../_base_/datasets/cifar100_lt.py', '../_base_/models/resnet32_cifar.py',
    '../_base_/schedules/lwr_cifar_200e.py', '../_base_/default_runtime.py'
]
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='BalancedSoftmaxLoss'),
        weight_reg=dict(
            type='LWRLoss',
            theta=0.4,
            tau=0.1,
            projector=True,  # Table 1's method (Table 4, last row)
            loss_weight=1.0)))  # Eq. (7): lambda(t) = (1 - t/T)^2
custom_hooks = [
    dict(type='LWRScheduleHook', power=2.0),
]
