# RCAL (configs/noisy_label/README.md) on noisy MNIST5k-LT IF=100,
# symmetric noise 0.4 (drawn once, seed 0), ResNet-8, the benchmark's 1,500
# iterations. Stage 1 is the contrastive pre-training of
# configs/ssl/simclr_r8_mnist5k-lt-if100.py (labels unused, so one
# pre-training serves every noise rate); this stage starts from its
# checkpoint (`load_from` below, the first command's default work dir):
#   python tools/train.py configs/ssl/simclr_r8_mnist5k-lt-if100.py
#   python tools/train.py \
#       configs/noisy_label/rcal_r8_mnist5k-lt-if100-sym0.4.py
# The ablation rows: rcal-nomixup_... (w/o Mixup), plus model.reg_weight=0
# (w/o REG), plus model.sample_weight=0 (w/o DC); w/o CL as well is the CE
# config (ce_r8_mnist5k-lt-if100-sym0.4.py).
_base_ = ['./ce_r8_mnist5k-lt-if100-sym0.4.py']
model = dict(
    type='RCALClassifier',
    reg_weight=0.1,
    sample_weight=1.0,
    train_cfg=dict(augments=dict(type='Mixup', alpha=1.0)))
custom_hooks = [dict(type='RepresentationCalibrationHook')]
default_hooks = dict(
    strict_load=dict(
        # the classifier and RCAL's state start here; SimCLR's projector
        # is not used
        allow_missing=('head.fc', 'reference', 'sampled_features',
                       'sampled_labels', 'calibrated'),
        allow_unexpected=('neck', )))
load_from = 'work_dirs/simclr_r8_mnist5k-lt-if100/epoch_100.pth'
