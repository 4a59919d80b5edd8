# SDCLR (self-damaging contrastive learning): SimCLR's loss between each
# image's dense view and its second view through the network pruned by
# 90% (layer-wise magnitude pruning, re-pruned every epoch).
# MNIST5k-LT IF=100, ResNet-8, the benchmark's 1,500 iterations.
_base_ = ['./simclr_r8_mnist5k-lt-if100.py']
model = dict(
    backbone=dict(
        _delete_=True,
        type='SelfDamagingBackbone',
        prune_ratio=0.9,
        backbone={{_base_.model.backbone}}))
