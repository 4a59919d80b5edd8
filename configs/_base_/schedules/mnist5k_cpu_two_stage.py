# The MNIST5k-LT CPU schedule plus a 10-epoch second stage (epochs 30-39)
# with its own cosine; the stage hook resets the learning rate at its start.
# The boundary is `train_cfg.stages.classifier`; schedulers count from their
# stage's first epoch and end with it. `train_cfg.stages.classifier=0`
# with `train_cfg.max_epochs=10` runs the second stage alone (load_from).
_base_ = ['./mnist5k_cpu.py']
train_cfg = dict(max_epochs=40, stages=dict(features=0, classifier=30))
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
