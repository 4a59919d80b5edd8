# Fixed ETF classifier with the dot-regression loss (Yang et al. 2022):
# features batch-normalised and L2-normalised. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='ETFHead',
        feat_norm=True,
        loss=dict(_delete_=True, type='DotRegressionLoss')))
