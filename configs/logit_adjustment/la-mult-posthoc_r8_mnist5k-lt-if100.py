# Post-hoc multiplicative logit adjustment (Kim & Kim 2020) of a CE model:
# normalised class weights scaled by n_c ** -gamma at prediction, no bias.
# gamma is tuned on the validation split at the end of every run
# (PosthocSearchHook: gamma in -1..1, refined, and the unadjusted logits).
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        posthoc=dict(type='MultiplicativeLogitAdjust', gamma=1.0)))
custom_hooks = [dict(type='PosthocSearchHook')]
