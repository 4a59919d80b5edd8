# AFR fine-tuning alone on MNIST5k-LT IF=100 (CPU): 25 epochs, a rebuild
# every 5, from a BS + CMO checkpoint, e.g. the epoch_100.pth of
# configs/cmo/bs_cmo_r8_mnist5k-lt-if100.py:
#   python tools/train.py \
#       configs/afr/afr_bs-cmo_r8_mnist5k-lt-if100-finetune.py --cfg-options \
#       load_from=work_dirs/bs_cmo_r8_mnist5k-lt-if100/epoch_100.pth
_base_ = ['../cmo/bs_cmo_r8_mnist5k-lt-if100.py']
train_cfg = dict(max_epochs=25, val_interval=25, stages=dict(afr=0))
optim_wrapper = dict(optimizer=dict(lr=0.01))
param_scheduler = [
    dict(
        type='CosineAnnealingLR',
        by_epoch=True,
        eta_min=0.0,
        convert_to_iter_based=True,
        stage='afr'),
]
custom_hooks = [
    dict(
        type='AFRHook',
        interval=5,
        pipeline=[
            dict(type='RandomCrop', crop_size=28, padding=2),
            dict(type='PackInputs')
        ],
        loss=dict(type='CrossEntropyLoss', use_soft=True)),
]
