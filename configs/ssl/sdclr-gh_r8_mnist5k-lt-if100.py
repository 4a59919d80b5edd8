# SDCLR + GH: geometric harmonization's loss (simclr-gh_*.py) on SDCLR's
# dense / pruned contrast. MNIST5k-LT IF=100, ResNet-8, 1,500 iterations.
_base_ = ['./sdclr_r8_mnist5k-lt-if100.py']
model = dict(
    _delete_=True,
    type='GeometricHarmonization',
    num_anchors=10,
    in_channels=32,
    loss_weight=1.0,
    model={{_base_.model}})
