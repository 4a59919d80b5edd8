# BCL + GH on CIFAR-100-LT IF=100 (column "+GH" after "BCL" of the
# tutorial's GH table): simclr-gh_r18_cifar100-lt-if100.py's loss around
# bcl_r18_cifar100-lt-if100.py's model, with BCL's score-driven views.
_base_ = ['./bcl_r18_cifar100-lt-if100.py']
model = dict(
    _delete_=True,
    type='GeometricHarmonization',
    num_anchors=100,
    in_channels=128,
    loss_weight=1.0,
    model={{_base_.model}})
