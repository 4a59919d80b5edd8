# Threshold moving (Zhou & Liu 2006) of a CE model with the default cost
# (n_max / n_i off the diagonal); the power of the moving factors is tuned
# on the validation split at the end of every run (PosthocSearchHook; 1 is
# Zhou & Liu's rule, 0 no moving). ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(type='LTLinearClsHead', posthoc=dict(type='ThresholdMoving')))
custom_hooks = [dict(type='PosthocSearchHook')]
