# BS without LWR, ResNet-50, ImageNet-LT: the baseline row of Tables 2-3.
_base_ = ['./bs_lwr_imagenet-lt.py']
model = dict(head=dict(weight_reg=None))
custom_hooks = []
