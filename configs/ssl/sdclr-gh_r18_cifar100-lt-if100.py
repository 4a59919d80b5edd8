# SDCLR + GH on CIFAR-100-LT IF=100 (column "+GH" after "SDCLR" of the
# tutorial's GH table): simclr-gh_r18_cifar100-lt-if100.py's loss around
# sdclr_r18_cifar100-lt-if100.py's model.
_base_ = ['./sdclr_r18_cifar100-lt-if100.py']
model = dict(
    _delete_=True,
    type='GeometricHarmonization',
    num_anchors=100,
    in_channels=128,
    loss_weight=1.0,
    model={{_base_.model}})
