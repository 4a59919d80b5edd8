# The MNIST5k-LT benchmark schedule: 100 epochs of 960 samples (the dataset
# base's UniformSampler) at batch 64 = 1,500 iterations at every imbalance
# factor, the budget at which CE has converged (docs/benchmark/budget.md).
# SGD 0.1 Nesterov, 30 iterations of warm-up, cosine to the end.
# mnist5k_fast.py is the 30-epoch variant (450 iterations, not converged).
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=2, end=100),
]
train_cfg = dict(type='StageTrainLoop', max_epochs=100, val_interval=50)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=64)
