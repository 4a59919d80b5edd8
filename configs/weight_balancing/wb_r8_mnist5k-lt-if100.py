# Two-stage weight balancing (Alshammari et al. 2022), ResNet-8, MNIST5k-LT
# IF=100. Stage 1 (epochs 0-29): CE, weight decay 5e-3. Stage 2 (30-39):
# features frozen, class-balanced CE with n_tilde / n_c weights, weight
# decay 0.1, MaxNorm (radius = min + 0.1 (max - min) of the norms at the
# switch, projected after every step), lr 0.01 cosine.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='LogitAdjustedLoss', num_classes=10,
                  tau=0.0, class_weight='inverse')))
optim_wrapper = dict(optimizer=dict(weight_decay=5e-3))
train_cfg = dict(max_epochs=40, val_interval=10)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=2,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=2, end=30),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=30, end=40),
]
custom_hooks = [
    dict(type='ClassCountsHook'),
    # class-balanced weights only in stage 2
    dict(type='DRWHook', start_epoch=30),
    dict(type='ClassifierStageHook', start_epoch=30,
         freeze=('backbone', 'neck'), lr=0.01, weight_decay=0.1),
    dict(type='MaxNormHook', start_epoch=30, module='head.fc', ratio=0.1),
]
