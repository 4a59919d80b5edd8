# The MNIST5k-LT CPU schedule plus a 10-epoch second stage (epochs 30-39)
# with its own cosine; the stage hook resets the learning rate at epoch 30.
_base_ = ['./mnist5k_cpu.py']
train_cfg = dict(max_epochs=40, val_interval=10)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=2,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=2, end=30),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=30, end=40),
]
