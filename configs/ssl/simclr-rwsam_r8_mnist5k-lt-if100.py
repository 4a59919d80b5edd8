# SimCLR + rwSAM (reweighted sharpness-aware minimisation): each step
# ascends to rho = 0.05 along the gradient of the contrastive loss weighted
# by the inverse kernel density (alpha = 0.5, h = 1 on the unit-norm
# projections) and descends with the plain loss's gradient there.
# MNIST5k-LT IF=100, ResNet-8, the benchmark's 1,500 iterations (two
# forward-backward passes each). alpha = 0 is plain SAM.
_base_ = ['./simclr_r8_mnist5k-lt-if100.py']
model = dict(
    _delete_=True,
    type='ReweightedSAM',
    rho=0.05,
    alpha=0.5,
    bandwidth=1.0,
    model={{_base_.model}})
# the two-pass step under DDP as well
model_wrapper_cfg = dict(type='SAMDistributedDataParallel')
