# Post-hoc additive logit adjustment (Menon et al. 2021) of a CE model:
# CE training, predictions z - tau * log pi. tau is tuned on the validation
# split at the end of every run (PosthocSearchHook; grid -1..3, refined);
# without the hook, tau stays at the paper's 1.0.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
custom_hooks = [dict(type='PosthocSearchHook')]
