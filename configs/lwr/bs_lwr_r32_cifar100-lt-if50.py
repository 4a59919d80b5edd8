_base_ = ['./bs_lwr_r32_cifar100-lt-if100.py']

train_dataloader = dict(dataset=dict(imb_factor=50))
