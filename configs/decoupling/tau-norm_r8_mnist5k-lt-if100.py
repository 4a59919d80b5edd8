# tau-normalisation (Kang et al. 2020) of a CE model: w / ||w||^tau at
# prediction, tau tuned on the validation split at the end of every run
# (PosthocSearchHook; grid 0..2, refined).
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead', posthoc=dict(type='TauNormalize', tau=1.0)))
custom_hooks = [dict(type='PosthocSearchHook')]
