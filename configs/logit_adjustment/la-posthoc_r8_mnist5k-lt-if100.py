# Post-hoc additive logit adjustment (Menon et al. 2021) of a CE model:
# CE training, predictions z - tau * log pi. tau from
# tools/search_posthoc.py on the validation split (1.0 is the paper's).
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
