# SDCLR on CIFAR-100-LT IF=100 (row "SDCLR" of the tutorial's GH table,
# CIFAR-R100), ResNet-18, 2,000 epochs: SimCLR's loss between the dense
# view and the second view through the network pruned by 90% (SDCLR's
# CIFAR setting), re-pruned every epoch.
_base_ = ['./simclr_r18_cifar100-lt-if100.py']
model = dict(
    backbone=dict(
        _delete_=True,
        type='SelfDamagingBackbone',
        prune_ratio=0.9,
        backbone={{_base_.model.backbone}}))
