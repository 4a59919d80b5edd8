# Class-balanced focal loss (Cui et al. 2019) as Cui et al.'s code computes
# it: one-vs-all sigmoid focal loss, gamma 1, effective-number weights
# (beta 0.9999), sum over classes / N; classifier bias initialised to
# -log(C - 1) (bias_prob 1/C) and left out of weight decay. ResNet-8,
# MNIST5k-LT IF=100. LDAM-DRW's softmax focal instead: SoftmaxFocalLoss.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        init_cfg=dict(type='Normal', layer='Linear', std=0.01, bias_prob=0.1),
        loss=dict(
            _delete_=True,
            type='SigmoidFocalLoss',
            gamma=1.0,
            class_weight='effective',
            beta=0.9999)))
optim_wrapper = dict(
    paramwise_cfg=dict(custom_keys={'head.fc.bias': dict(decay_mult=0.0)}))
