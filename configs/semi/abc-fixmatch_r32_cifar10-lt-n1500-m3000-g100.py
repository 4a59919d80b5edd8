# FixMatch + ABC on CIFAR-10-LT, N_1 = 1500, M_1 = 3000, gamma = 100: the
# FixMatch config (its schedule; ABC's own is not transcribed) with an
# auxiliary linear classifier on the 64-d features of ResNet-32, trained on
# the Bernoulli-masked class-balanced share (keep probability N_min / N_c),
# which predicts.
_base_ = ['./fixmatch_r32_cifar10-lt-n1500-m3000-g100.py']
model = dict(
    type='ABCFixMatch',
    aux_head=dict(
        type='LinearClsHead',
        num_classes=10,
        in_channels=64,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
custom_hooks = [
    dict(type='PseudoLabelHook', interval=64, threshold=0.95, head='aux_head')
]
