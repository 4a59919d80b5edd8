# Cross-entropy on noisy labels: each MNIST5k-LT IF=100 training label
# wrong with probability 0.4, replaced by a uniformly drawn other digit
# (symmetric noise, drawn once, seed 0); clean test labels. ResNet-8, the
# benchmark's 1,500 iterations. Rate 0.2 / pair-flip noise:
#   --cfg-options train_dataloader.dataset.rate=0.2
#   --cfg-options train_dataloader.dataset.mode=pairflip
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='NoisyLabelDataset',
        rate=0.4,
        mode='symmetric',
        dataset={{_base_.train_dataloader.dataset}}))
