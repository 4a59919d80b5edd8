# SimCLR + rwSAM on CIFAR-100-LT IF=100, ResNet-18, 2,000 epochs (the
# rwSAM slide's rows are CIFAR-100-LT with MoCo v2 / SimSiam; mmlt wraps
# mmpretrain's SimCLR the same way): ascent to rho = 0.05 along the
# gradient of the contrastive loss weighted by the inverse kernel density
# (alpha = 0.5, h = 1 on the unit-norm projections), descent with the
# plain loss's gradient there (two passes a step).
_base_ = ['./simclr_r18_cifar100-lt-if100.py']
model = dict(
    _delete_=True,
    type='ReweightedSAM',
    rho=0.05,
    alpha=0.5,
    bandwidth=1.0,
    model={{_base_.model}})
# the two-pass step under DDP as well
model_wrapper_cfg = dict(type='SAMDistributedDataParallel')
