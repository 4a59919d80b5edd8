# RCAL without mixup (the ablation's "RCAL w/o Mixup" row); with
# --cfg-options model.reg_weight=0 also w/o REG, and model.sample_weight=0
# also w/o DC (the contrastive initialisation alone).
_base_ = ['./rcal_r8_mnist5k-lt-if100-sym0.4.py']
model = dict(train_cfg=None)
