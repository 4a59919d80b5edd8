# Logit-adjusted loss (tau 1) + LWR, ResNet-50, ImageNet-LT (Table 3).
_base_ = ['./bs_lwr_imagenet-lt.py']
model = dict(
    head=dict(loss=dict(_delete_=True, type='LogitAdjustedLoss', tau=1.0)))
