# LDAM-DRW (row LDAM-DRW of the tutorial's RCAL table) on noisy labels:
# CIFAR-100-LT IF=100, ResNet-32, its LDAM-DRW schedule (200 epochs), each
# training label wrong with probability 0.4 (symmetric noise, drawn once,
# seed 0).
# The table's other cells:
#   --cfg-options train_dataloader.dataset.rate=0.2 \
#       train_dataloader.dataset.dataset.imb_factor=10
_base_ = ['../ldam_drw/ldam-drw_r32_cifar100-lt-if100.py']
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='NoisyLabelDataset',
        rate=0.4,
        mode='symmetric',
        dataset={{_base_.train_dataloader.dataset}}))
