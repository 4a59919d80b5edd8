# Two-stage weight balancing (Alshammari et al. 2022), ResNet-8, MNIST5k-LT
# IF=100. Stage 1 (epochs 0-99, the benchmark's budget): CE, weight decay
# 5e-3. Stage 2 (100-102, the WB code's share: 10 epochs after 320):
# features frozen, class-balanced CE with n_tilde / n_c weights, weight
# decay 0.1, MaxNorm (radius = min + 0.1 (max - min) of the norms at the
# switch, projected after every epoch as the WB code does), lr 0.01 cosine.
_base_ = [
    '../_base_/datasets/mnist5k_lt.py', '../_base_/models/resnet8_mnist.py',
    '../_base_/schedules/mnist5k_two_stage.py', '../_base_/default_runtime.py'
]
randomness = dict(seed=0)
model = dict(
    head=dict(
        type='LTLinearClsHead',
        loss=dict(
            _delete_=True,
            type='LogitAdjustedLoss',
            tau=0.0,
            class_weight='inverse')))
optim_wrapper = dict(optimizer=dict(weight_decay=5e-3))
train_cfg = dict(max_epochs=103)
custom_hooks = [
    # class-balanced weights only in stage 2
    dict(type='DRWHook', stage='classifier'),
    dict(
        type='ClassifierStageHook',
        stage='classifier',
        freeze=('backbone', 'neck'),
        lr=0.01,
        weight_decay=0.1),
    dict(
        type='MaxNormHook',
        stage='classifier',
        module='head.fc',
        ratio=0.1,
        by_epoch=True),
]
