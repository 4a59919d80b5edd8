# FACoG, ResNet-32, CIFAR-10-LT IF=10.
_base_ = ['./facog_r32_cifar10-lt-if100.py']
train_dataloader = dict(dataset=dict(imb_factor=10))
