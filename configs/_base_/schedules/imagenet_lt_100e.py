# LWR's ImageNet-LT schedule: 100 epochs, batch 256 (e.g. 8 GPUs x 32), SGD
# lr 0.1 momentum 0.9, wd 2e-4, lr x0.1 at epochs 60 and 80.
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=2e-4))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[60, 80], gamma=0.1),
]
train_cfg = dict(type='StageTrainLoop', max_epochs=100, val_interval=10)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=256)
