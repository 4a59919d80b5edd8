# NOT CONVERGED: the MNIST5k-LT schedule cut to 30 epochs (450 iterations),
# where CE is 15-20 points short of its converged balanced accuracy at
# IF=100 (docs/benchmark/budget.md). For the demo, smoke tests and the
# convergence-speed table; never for comparing methods.
_base_ = ['./mnist5k.py']
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=2, end=30),
]
train_cfg = dict(max_epochs=30, val_interval=10)
