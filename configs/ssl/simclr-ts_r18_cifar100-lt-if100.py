# SimCLR + TS on CIFAR-100-LT IF=100 (row "SimCLR + TS" of the tutorial's
# TS table, C100-LT), ResNet-18, 2,000 epochs: the temperature follows a
# cosine between 0.1 and 1.0 over periods of 8,800 iterations (five
# periods: 2,000 epochs of 22 iterations at batch 512).
_base_ = ['./simclr_r18_cifar100-lt-if100.py']
custom_hooks = [
    dict(
        type='TemperatureScheduleHook', tau_min=0.1, tau_max=1.0, period=8800)
]
