# FACoG, ResNet-32, CIFAR-100-LT IF=50.
_base_ = ['./facog_r32_cifar100-lt-if100.py']
train_dataloader = dict(dataset=dict(imb_factor=50))
