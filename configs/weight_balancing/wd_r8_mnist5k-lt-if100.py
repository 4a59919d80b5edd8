# Table 5 row "WD": CE with weight decay 5e-3 (WB's stage 1 alone), the
# head an LTLinearClsHead so that post-hoc LA can be switched on from a test
# config. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(head=dict(type='LTLinearClsHead'))
optim_wrapper = dict(optimizer=dict(weight_decay=5e-3))
