# CE baseline, ResNet-32, CIFAR-100-LT IF=100, LDAM-DRW schedule.
_base_ = [
    '../_base_/datasets/cifar100_lt.py', '../_base_/models/resnet32_cifar.py',
    '../_base_/schedules/ldam_drw_200e.py', '../_base_/default_runtime.py'
]
