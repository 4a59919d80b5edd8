# AFR on BS + CMO, ResNet-50, ImageNet-LT: 50 epochs of AFR fine-tuning
# (a rebuild every 10) from a BS + CMO model, e.g. CMO's zoo checkpoint
# converted by tools/model_converters/cmo_to_mmlt.py:
#   python tools/model_converters/cmo_to_mmlt.py ckpt.best.pth.tar \
#       work_dirs/bs_cmo_r50_imagenet-lt_zoo.pth
#   tools/dist_train.sh configs/afr/afr_bs-cmo_r50_imagenet-lt.py 8 \
#       --cfg-options load_from=work_dirs/bs_cmo_r50_imagenet-lt_zoo.pth
# or from configs/cmo/bs_cmo_r50_imagenet-lt.py's own epoch_100.pth.
# Attacked images are the 224 x 224 centre crops of the test pipeline,
# stored as uint8 in work_dir/afr/round_<r> (about 150 KiB each); the
# fine-tuning pipeline re-crops them (RandomResizedCrop + flip).
_base_ = ['../cmo/bs_cmo_r50_imagenet-lt.py']
load_from = None  # set to the BS + CMO checkpoint
train_cfg = dict(max_epochs=50, stages=dict(afr=0))
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
        interval=10,
        pipeline=[
            dict(type='RandomResizedCrop', scale=224),
            dict(type='RandomFlip', prob=0.5, direction='horizontal'),
            dict(type='PackInputs'),
        ],
        loss=dict(type='CrossEntropyLoss', use_soft=True)),
]
