# tau-normalisation (Kang et al. 2020) of a CE model: w / ||w||^tau at
# prediction; tau from tools/search_posthoc.py on the validation split.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead', posthoc=dict(type='TauNormalize', tau=1.0)))
