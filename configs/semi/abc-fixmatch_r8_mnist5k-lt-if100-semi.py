# FixMatch + ABC: an auxiliary linear classifier on the shared features,
# trained on a Bernoulli-masked, class-balanced share of the labeled loss
# and of its own consistency loss (keep probability N_min / N_c), predicts.
# MNIST5k-LT, N_1 = M_1 = 190, IF = 100, ResNet-8.
_base_ = ['./fixmatch_r8_mnist5k-lt-if100-semi.py']
model = dict(
    type='ABCFixMatch',
    aux_head=dict(
        type='LinearClsHead',
        num_classes=10,
        in_channels=64,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
# ABC's pseudo-labels are its auxiliary head's
custom_hooks = [
    dict(type='PseudoLabelHook', interval=10, threshold=0.95, head='aux_head')
]
