# BS + CMO, ResNet-32, CIFAR-100-LT IF=100, 400 epochs: the 200-epoch
# recipe with decays at 360 and 380 (CutMix on for 3 < epoch < 397). CMO's
# 400-epoch row also uses AutoAugment, which is not added here.
_base_ = ['./bs_cmo_r32_cifar100-lt-if100-200e.py']
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.2,
        by_epoch=True,
        begin=0,
        end=5,
        convert_to_iter_based=True),
    dict(type='MultiStepLR', by_epoch=True, milestones=[360, 380], gamma=0.01),
]
train_cfg = dict(max_epochs=400)
