# Weight balancing's CIFAR-LT stage 1 (its code): 320 epochs, batch 64, SGD
# lr 0.01 momentum 0.9, weight decay 5e-3, cosine.
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=5e-3))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=320),
]
train_cfg = dict(type='StageTrainLoop', max_epochs=320, val_interval=20)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=64)
