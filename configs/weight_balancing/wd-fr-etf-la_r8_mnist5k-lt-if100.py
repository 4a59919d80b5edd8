# The one-stage method of "Exploring Weight Balancing on Long-Tailed
# Recognition Problem": weight decay 5e-3, feature regularisation
# (lambda 0.01), fixed simplex-ETF classifier, CE; post-hoc additive logit
# adjustment at prediction, tau tuned on the validation split at the end of
# every run (PosthocSearchHook; the paper searches it on validation data,
# Sec. 5). ResNet-8, MNIST5k-LT.
_base_ = ['./wd-fr-etf_r8_mnist5k-lt-if100.py']
model = dict(head=dict(posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
custom_hooks = [dict(type='PosthocSearchHook')]
