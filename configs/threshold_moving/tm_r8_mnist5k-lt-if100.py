# Threshold moving (Zhou & Liu 2006) of a CE model with the default cost
# (n_max / n_i off the diagonal). ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(type='LTLinearClsHead', posthoc=dict(type='ThresholdMoving')))
