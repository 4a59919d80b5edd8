# The MNIST5k-LT schedule (mnist5k.py: 200 epochs, 3,000 iterations) plus a
# classifier stage of 22 epochs (epochs 200-221) with its own cosine, the
# share of Kang et al. 2020 (10 classifier epochs after 90 joint ones on
# ImageNet-LT); the stage hook resets the learning rate at its start.
# Schedulers count from their stage's first epoch and end with it.
# `train_cfg.stages.classifier=0` with `train_cfg.max_epochs=22` runs the
# second stage alone (load_from).
_base_ = ['./mnist5k.py']
train_cfg = dict(max_epochs=222, stages=dict(features=0, classifier=200))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True,
        stage='features'),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=2, stage='features'),
    dict(type='CosineAnnealingLR', by_epoch=True, stage='classifier'),
]
