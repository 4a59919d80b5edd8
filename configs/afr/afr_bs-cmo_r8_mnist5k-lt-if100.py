# AFR (Zhang et al., VISAPP 2024) on BS+CMO, ResNet-8, MNIST5k-LT IF=100,
# CPU, one launch. Stage 1 (epochs 0-99, the benchmark's budget): the
# BS+CMO run of configs/cmo/bs_cmo_r8_mnist5k-lt-if100.py (CutMix on for
# 3 < epoch < 97). Stage 2 (epochs 100-124, the paper's share: 50 after
# 200): AFR fine-tuning, the set rebuilt every 5 epochs (the paper's every
# 10 of 50), epochs as long as the rebuilt set, cross-entropy on the
# rebuilt (balanced) set, lr 0.01 cosine, random crop only (no flip for
# digits).
_base_ = ['../cmo/bs_cmo_r8_mnist5k-lt-if100.py']
train_cfg = dict(max_epochs=125, stages=dict(cmo=0, afr=100))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True,
        stage='cmo'),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=2, stage='cmo'),
    # an absolute restart at 0.1 x 0.1, counted in iterations: the loop
    # re-times it whenever a rebuild changes the epoch length
    dict(
        type='CosineRestartLR',
        periods=[25],
        restart_weights=[0.1],
        eta_min=0.0,
        by_epoch=True,
        convert_to_iter_based=True,
        stage='afr'),
]
custom_hooks = [
    dict(type='CMOHook', begin=3, end=97),
    dict(
        type='AFRHook',
        interval=5,
        pipeline=[
            dict(type='RandomCrop', crop_size=28, padding=2),
            dict(type='PackInputs')
        ],
        # balanced softmax's prior is the training distribution: uniform
        # on the rebuilt set, where it is cross-entropy
        loss=dict(type='CrossEntropyLoss', use_soft=True)),
]
