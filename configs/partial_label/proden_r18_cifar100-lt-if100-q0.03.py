# PRODEN on CIFAR-100-LT IF=100 with ambiguity q = 0.03 (the tutorial
# table's "C100 rho=100 q=0.03" column): the CIFAR-10-LT recipe of
# proden_r18_cifar10-lt-if100-q0.3.py (RECORDS' code runs one recipe on both
# CIFARs) with 100 classes. q = 0.05 / 0.07, rho = 50 with
#   --cfg-options train_dataloader.dataset.q=0.05 \
#       train_dataloader.dataset.dataset.imb_factor=50
_base_ = ['./proden_r18_cifar10-lt-if100-q0.3.py']
data_root = 'data/cifar100'
data_preprocessor = dict(
    num_classes=100,
    mean=[129.304, 124.070, 112.434],
    std=[68.170, 65.392, 70.418])
model = dict(head=dict(num_classes=100))
train_dataloader = dict(
    dataset=dict(q=0.03, dataset=dict(type='CIFAR100LT', data_root=data_root)))
val_dataloader = dict(dataset=dict(type='CIFAR100LT', data_root=data_root))
test_dataloader = val_dataloader
