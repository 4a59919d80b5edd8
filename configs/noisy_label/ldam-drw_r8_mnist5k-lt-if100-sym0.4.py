# LDAM-DRW (configs/ldam_drw) on noisy labels: MNIST5k-LT IF=100, symmetric
# noise at rate 0.4 (drawn once, seed 0); margins and DRW weights from the
# clean long-tailed counts (NoisyLabelDataset). ResNet-8, 1,500 iterations.
_base_ = ['../ldam_drw/ldam-drw_r8_mnist5k-lt-if100.py']
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='NoisyLabelDataset',
        rate=0.4,
        mode='symmetric',
        dataset={{_base_.train_dataloader.dataset}}))
