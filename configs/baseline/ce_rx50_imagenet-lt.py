# CE baseline, ResNeXt-50 (32x4d), ImageNet-LT, 90 epochs (8 GPUs x 64).
_base_ = [
    '../_base_/datasets/imagenet_lt.py',
    '../_base_/models/resnext50_32x4d_imagenet_lt.py',
    '../_base_/schedules/imagenet_lt_90e.py', '../_base_/default_runtime.py'
]
