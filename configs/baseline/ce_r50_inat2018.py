# CE baseline, ResNet-50, iNaturalist 2018, 90 epochs (8 GPUs x 64).
_base_ = [
    '../_base_/datasets/inat2018.py',
    '../_base_/models/resnet50_imagenet_lt.py',
    '../_base_/schedules/imagenet_lt_90e.py', '../_base_/default_runtime.py'
]
model = dict(head=dict(num_classes=8142))
