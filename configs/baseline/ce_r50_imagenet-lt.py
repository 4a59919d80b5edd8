# CE baseline, ResNet-50, ImageNet-LT, 90 epochs (8 GPUs x 64).
_base_ = [
    '../_base_/datasets/imagenet_lt.py',
    '../_base_/models/resnet50_imagenet_lt.py',
    '../_base_/schedules/imagenet_lt_90e.py', '../_base_/default_runtime.py'
]
