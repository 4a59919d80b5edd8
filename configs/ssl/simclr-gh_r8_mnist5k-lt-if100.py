# SimCLR + GH (geometric harmonization): SimCLR's loss plus the
# category-level uniformity loss on its projections, over a fixed simplex
# ETF of 10 anchors (MNIST's 10 latent classes), w_GH = 1.
# MNIST5k-LT IF=100, ResNet-8, the benchmark's 1,500 iterations. On SDCLR:
# the same wrapper around sdclr_r8_mnist5k-lt-if100.py's model.
_base_ = ['./simclr_r8_mnist5k-lt-if100.py']
model = dict(
    _delete_=True,
    type='GeometricHarmonization',
    num_anchors=10,
    in_channels=32,
    loss_weight=1.0,
    model={{_base_.model}})
