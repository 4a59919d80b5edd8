# SimCLR + TS (temperature schedules, Kukleva et al., ICLR 2023): the
# contrastive temperature follows a cosine from 1.0 down to 0.1 and back
# (the two temperatures the tutorial's TS slide contrasts). The slide gives
# no period; mmlt's choice: five periods in training, 300 of the 1,500
# iterations.
_base_ = ['./simclr_r8_mnist5k-lt-if100.py']
custom_hooks = [
    dict(type='TemperatureScheduleHook', tau_min=0.1, tau_max=1.0, period=300)
]
