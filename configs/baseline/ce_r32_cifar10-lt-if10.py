_base_ = ['./ce_r32_cifar10-lt-if100.py']

train_dataloader = dict(dataset=dict(imb_factor=10))
