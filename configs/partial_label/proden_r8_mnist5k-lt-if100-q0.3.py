# PRODEN (Lv et al., ICML 2020) on partial labels: every wrong digit a
# candidate with probability q = 0.3, the true one always (sets drawn once,
# seed 0). ResNet-8, MNIST5k-LT IF=100, the benchmark's 1,500 iterations;
# confidences updated from the second epoch (RECORDS' code). q = 0.5:
#   --cfg-options train_dataloader.dataset.q=0.5
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        _delete_=True,
        type='PartialLabelClsHead',
        num_classes=10,
        in_channels=64,
        rebalance=None))
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='PartialLabelDataset',
        q=0.3,
        dataset=dict(
            type='MNIST5kLT',
            split='train',
            imb_factor=100,
            pipeline=[
                dict(type='RandomCrop', crop_size=28, padding=2),
                dict(type='PackInputs', algorithm_keys=['candidates']),
            ])))
