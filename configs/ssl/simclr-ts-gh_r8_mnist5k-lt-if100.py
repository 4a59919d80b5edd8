# SimCLR + TS + GH: geometric harmonization's loss (simclr-gh_*.py) under
# the temperature schedule of simclr-ts_*.py (the hook sets the wrapped
# SimCLR head's temperature). The GH slide has no TS column: this row
# checks the "GH adds to each remedy" for TS as well.
# MNIST5k-LT IF=100, ResNet-8, 1,500 iterations.
_base_ = ['./simclr-gh_r8_mnist5k-lt-if100.py']
custom_hooks = [
    dict(type='TemperatureScheduleHook', tau_min=0.1, tau_max=1.0, period=300)
]
