# Table 5 row "CB": one stage, class-balanced CE (n_tilde / n_c weights)
# with the CE row's weight decay 5e-4. ResNet-34 CIFAR, CIFAR-100-LT IF=100.
_base_ = ['./wd_r34_cifar100-lt-if100.py']
model = dict(
    head=dict(
        loss=dict(
            _delete_=True,
            type='LogitAdjustedLoss',
            tau=0.0,
            class_weight='inverse')))
optim_wrapper = dict(optimizer=dict(weight_decay=5e-4))
