# Post-hoc multiplicative logit adjustment (Kim & Kim 2020) of a CE model:
# normalised class weights scaled by n_c ** -gamma at prediction, no bias.
# gamma = 0 is what tools/search_posthoc.py picked on the validation split
# for the seed-0 CE ResNet-8 (grid 0..1, then 0..0.1): normalising the
# weights already balances this model's predictions (74.0% val), and every
# gamma > 0 over-corrects towards the tail (71.5% at 0.01, 17% at 1).
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        type='LTLinearClsHead',
        posthoc=dict(type='MultiplicativeLogitAdjust', gamma=0.0)))
