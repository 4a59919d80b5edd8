# CIFAR-10-LT, LDAM-DRW protocol (12,406 training images at IF=100).
# Point data_root at the folder holding cifar-10-batches-py/.
_base_ = ['./cifar100_lt.py']

dataset_type = 'CIFAR10LT'
data_root = 'data/cifar10'
data_preprocessor = dict(
    num_classes=10,
    mean=[125.307, 122.961, 113.8575],
    std=[51.5865, 50.847, 51.255])

train_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root))
val_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root))
val_evaluator = [dict(type='LTAccuracy', topk=(1, )), dict(type='ECE')]
test_dataloader = val_dataloader
test_evaluator = val_evaluator
