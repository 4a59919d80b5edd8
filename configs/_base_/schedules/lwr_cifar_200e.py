# LWR's CIFAR-LT schedule: 200 epochs, batch 128, SGD lr 0.1 momentum 0.9,
# wd 5e-4, lr x0.1 at epochs 140 and 170 (LWR paper, Sec. 4).
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[140, 170], gamma=0.1),
]
train_cfg = dict(type='StageTrainLoop', max_epochs=200, val_interval=10)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
