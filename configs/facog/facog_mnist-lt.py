# FACoG on MNIST-LT with GAMO's class counts (4000 ... 40, ratio 100), the
# protocol of the paper's Table 1; ResNet-32 on 28x28 grey digits. Point
# data_root at the folder with the uncompressed MNIST IDX files.
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
model = dict(backbone=dict(depth=32))
train_dataloader = dict(
    batch_size=256,
    dataset=dict(
        type='MNISTLT', data_root='data/mnist', split='train', profile='gamo'),
    sampler=dict(_delete_=True, type='DefaultSampler', shuffle=True))
val_dataloader = dict(
    dataset=dict(type='MNISTLT', data_root='data/mnist', split='test'))
test_dataloader = val_dataloader
search_dataloader = None
train_cfg = dict(max_epochs=100, stages=dict(phase2=80))
custom_hooks = [dict(type='FACoGHook', batch_size=128)]
