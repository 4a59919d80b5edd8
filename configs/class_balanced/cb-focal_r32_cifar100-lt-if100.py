# Class-balanced focal loss as Cui et al.'s code computes it (one-vs-all
# sigmoid focal, gamma 1, beta 0.9999, sum over classes / N, bias
# initialised to -log(C - 1) and left out of weight decay), ResNet-32,
# CIFAR-100-LT IF=100, LDAM-DRW schedule.
_base_ = ['../baseline/ce_r32_cifar100-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        init_cfg=dict(type='Normal', layer='Linear', std=0.01, bias_prob=0.01),
        loss=dict(
            _delete_=True,
            type='SigmoidFocalLoss',
            gamma=1.0,
            class_weight='effective',
            beta=0.9999)))
optim_wrapper = dict(
    paramwise_cfg=dict(custom_keys={'head.fc.bias': dict(decay_mult=0.0)}))
