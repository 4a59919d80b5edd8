# BCL + GH: geometric harmonization (simclr-gh_r8_mnist5k-lt-if100.py's)
# around BCL's model (bcl_r8_mnist5k-lt-if100.py's), with BCL's
# score-driven views.
_base_ = ['./bcl_r8_mnist5k-lt-if100.py']
model = dict(
    _delete_=True,
    type='GeometricHarmonization',
    num_anchors=10,
    in_channels=32,
    loss_weight=1.0,
    model={{_base_.model}})
