# The MNIST5k-LT schedule (mnist5k.py: 100 epochs, 1,500 iterations) plus a
# classifier stage of 11 epochs (epochs 100-110) with its own cosine, the
# share of Kang et al. 2020 (10 classifier epochs after 90 joint ones on
# ImageNet-LT); the stage hook resets the learning rate at its start.
# Schedulers count from their stage's first epoch and end with it.
# `train_cfg.stages.classifier=0` with `train_cfg.max_epochs=11` runs the
# second stage alone (load_from).
_base_ = ['./mnist5k.py']
train_cfg = dict(max_epochs=111, stages=dict(features=0, classifier=100))
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
