# SimCLR on CIFAR-10-LT IF=100 with the ResNet-32 (LDAM's definition) that
# RCAL's classifier stage fine-tunes
# (configs/noisy_label/rcal_r32_cifar10-lt-if100-sym0.4.py): the CIFAR
# recipe of simclr_r18_cifar100-lt-if100.py (2,000 epochs, batch 512,
# views, temperature 0.2) on the other backbone and data. Labels are not
# used, so one pre-training serves every noise rate.
_base_ = ['./simclr_r18_cifar100-lt-if100.py']
model = dict(
    backbone=dict(_delete_=True, type='ResNetLDAM', depth=32),
    neck=dict(in_channels=64, hid_channels=64))
data_preprocessor = dict(
    mean=[125.307, 122.961, 113.8575], std=[51.5865, 50.847, 51.255])
_cifar10 = dict(type='CIFAR10LT', data_root='data/cifar10')
train_dataloader = dict(dataset=_cifar10)
val_dataloader = dict(dataset=_cifar10)
test_dataloader = val_dataloader
