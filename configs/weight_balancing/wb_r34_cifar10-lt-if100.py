# Two-stage weight balancing on CIFAR-10-LT IF=100 (first-n protocol),
# CIFAR-stem ResNet-34: the CIFAR-100 recipe with the CIFAR-10 data.
_base_ = ['./wb_r34_cifar100-lt-if100.py']
_cifar10 = dict(type='CIFAR10LT', data_root='data/cifar10')
data_preprocessor = dict(
    num_classes=10,
    mean=[125.307, 122.961, 113.8575],
    std=[51.5865, 50.847, 51.255])
model = dict(head=dict(num_classes=10))
train_dataloader = dict(dataset=_cifar10)
val_dataloader = dict(dataset=_cifar10)
test_dataloader = dict(dataset=_cifar10)
