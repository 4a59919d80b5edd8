# SMOTE (Chawla et al. 2002): every class topped up to the largest with
# images interpolated between a digit and one of its k = 5 nearest
# same-class neighbours in pixel space, created once (seeded), then the
# usual instance sampling. ResNet-8, MNIST5k-LT IF=100, the benchmark's
# 1,500 iterations.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='SMOTEDataset',
        k=5,
        dataset=dict(
            type='MNIST5kLT',
            split='train',
            imb_factor=100,
            pipeline={{_base_.train_pipeline}})))
