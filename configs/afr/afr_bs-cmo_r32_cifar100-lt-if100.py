# AFR (Zhang et al., VISAPP 2024) on BS + CMO, ResNet-32, CIFAR-100-LT
# IF=100, one launch. Stage 1 (epochs 0-199): BS + CMO as
# configs/cmo/bs_cmo_r32_cifar100-lt-if100-200e.py (batch 128, SGD 0.9,
# wd 2e-4, lr 0.1 decayed at 160 and 180). Stage 2 (200-249): AFR
# fine-tuning, the set rebuilt every 10 epochs, random crop + flip,
# cross-entropy on the balanced rebuilt set, lr 0.01 cosine to 0 (our
# choice: the paper gives no stage-2 learning rate).
_base_ = ['../cmo/bs_cmo_r32_cifar100-lt-if100-200e.py']
train_cfg = dict(max_epochs=250, stages=dict(cmo=0, afr=200))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.2,
        by_epoch=True,
        begin=0,
        end=5,
        convert_to_iter_based=True,
        stage='cmo'),
    dict(
        type='MultiStepLR',
        by_epoch=True,
        milestones=[160, 180],
        gamma=0.01,
        stage='cmo'),
    dict(
        type='CosineRestartLR',
        periods=[50],
        restart_weights=[0.1],
        eta_min=0.0,
        by_epoch=True,
        convert_to_iter_based=True,
        stage='afr'),
]
custom_hooks = [
    dict(type='CMOHook', begin=3, end=197),
    dict(
        type='AFRHook',
        interval=10,
        pipeline=[
            dict(type='RandomCrop', crop_size=32, padding=4),
            dict(type='RandomFlip', prob=0.5, direction='horizontal'),
            dict(type='PackInputs'),
        ],
        lam=0.8,
        attack_share=0.5,
        objective='probe',
        steps=3,
        step_size=1.0,
        eps=153.0,
        mix_share=0.25,
        mix_mode='cutmix',
        loss=dict(type='CrossEntropyLoss', use_soft=True)),
]
