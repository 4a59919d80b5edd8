# Softmax focal loss (gamma 1) + LWR, ResNet-50, ImageNet-LT (Table 3).
_base_ = ['./bs_lwr_imagenet-lt.py']
model = dict(
    head=dict(loss=dict(_delete_=True, type='SoftmaxFocalLoss', gamma=1.0)))
