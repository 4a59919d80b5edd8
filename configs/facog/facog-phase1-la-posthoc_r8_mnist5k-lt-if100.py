# FACoG control: phase 1 only, then post-hoc additive logit adjustment of
# f_cls (Menon et al. 2021), tau tuned on the validation split
# (PosthocSearchHook). FACoG's phase 2 must beat this free correction.
_base_ = ['./facog-phase1_r8_mnist5k-lt-if100.py']
model = dict(head=dict(posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
custom_hooks = [
    dict(type='FACoGHook', batch_size=64, num_samples=960),
    dict(type='PosthocSearchHook')
]
