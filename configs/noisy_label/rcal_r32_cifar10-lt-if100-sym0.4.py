# RCAL (row "RCAL" of the tutorial's RCAL tables) on CIFAR-10-LT IF=100,
# symmetric noise 0.4, ResNet-32, the ERM row's schedule
# (ce_r32_cifar10-lt-if100-sym0.4.py: 200 epochs), from the contrastive
# pre-training of configs/ssl/simclr_r32_cifar10-lt-if100.py:
#   python tools/train.py configs/ssl/simclr_r32_cifar10-lt-if100.py
#   python tools/train.py \
#       configs/noisy_label/rcal_r32_cifar10-lt-if100-sym0.4.py
# The table's other cells as in ce_r32_cifar10-lt-if100-sym0.4.py; the
# ablation rows as in rcal_r8_mnist5k-lt-if100-sym0.4.py (model.train_cfg,
# model.reg_weight, model.sample_weight).
_base_ = ['./ce_r32_cifar10-lt-if100-sym0.4.py']
model = dict(
    type='RCALClassifier',
    reg_weight=0.1,
    sample_weight=1.0,
    train_cfg=dict(augments=dict(type='Mixup', alpha=1.0)))
custom_hooks = [dict(type='RepresentationCalibrationHook')]
default_hooks = dict(
    strict_load=dict(
        allow_missing=('head.fc', 'reference', 'sampled_features',
                       'sampled_labels', 'calibrated'),
        allow_unexpected=('neck', )))
load_from = 'work_dirs/simclr_r32_cifar10-lt-if100/epoch_2000.pth'
