# BS + LWR, ResNet-50, ImageNet-LT, 100 epochs (LWR paper, Table 2):
#   tools/dist_train.sh configs/lwr/bs_lwr_imagenet-lt.py 8
_base_ = [
    '../_base_/datasets/imagenet_lt.py',
    '../_base_/models/resnet50_imagenet_lt.py',
    '../_base_/schedules/imagenet_lt_100e.py', '../_base_/default_runtime.py'
]
train_dataloader = dict(batch_size=32)  # x 8 GPUs = 256
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(_delete_=True, type='BalancedSoftmaxLoss'),
        weight_reg=dict(
            type='LWRLoss',
            theta=0.4,
            tau=0.1,
            projector=True,  # Table 1's method (Table 4, last row)
            loss_weight=1.0)))  # Eq. (7): lambda(t) = (1 - t/T)^2
custom_hooks = [
    dict(type='LWRScheduleHook', power=2.0),
]
