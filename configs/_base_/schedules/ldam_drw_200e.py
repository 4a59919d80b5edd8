# LDAM-DRW's CIFAR-LT schedule (Cao et al. 2019): 200 epochs, batch 128,
# SGD lr 0.1 momentum 0.9 wd 2e-4, 5-epoch linear warmup, lr x0.01 at
# epoch 160 and x0.0001 at 180.
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=2e-4))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.2,
        by_epoch=True,
        begin=0,
        end=5,
        convert_to_iter_based=True),
    dict(type='MultiStepLR', by_epoch=True, milestones=[160, 180], gamma=0.01),
]
train_cfg = dict(type='StageTrainLoop', max_epochs=200, val_interval=10)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
