# classifier-balancing's ImageNet-LT joint training (Kang et al. 2020):
# 90 epochs, batch 512, SGD lr 0.2 momentum 0.9 wd 5e-4, cosine to 0.
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.2, momentum=0.9, weight_decay=5e-4))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=90),
]
train_cfg = dict(type='StageTrainLoop', max_epochs=90, val_interval=10)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=512)
