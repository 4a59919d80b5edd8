# SimCLR + GH on CIFAR-100-LT IF=100 (column "+GH" after "SimCLR" of the
# tutorial's GH table, CIFAR-R100), ResNet-18, 2,000 epochs: the
# category-level uniformity loss over a fixed simplex ETF of K = 100
# anchors (CIFAR-100's class count: mmlt's reading of K as the number of
# latent classes, as the MNIST5k-LT config's 10), w_GH = 1, on the
# 128-dimensional projections.
_base_ = ['./simclr_r18_cifar100-lt-if100.py']
model = dict(
    _delete_=True,
    type='GeometricHarmonization',
    num_anchors=100,
    in_channels=128,
    loss_weight=1.0,
    model={{_base_.model}})
