# The one-stage method of "Exploring Weight Balancing on Long-Tailed
# Recognition Problem": weight decay 5e-3, feature regularisation
# (lambda 0.01), fixed simplex-ETF classifier, CE; post-hoc additive logit
# adjustment at prediction. tau = 0.5: tools/search_posthoc.py on the
# validation split for the seed-0 IF=100 model (grid 0..1 by 0.1: 75.0% at
# 0, 86.0% at 0.5, 55.5% at 1). ResNet-8, MNIST5k-LT.
_base_ = ['./wd-fr-etf_r8_mnist5k-lt-if100.py']
model = dict(head=dict(posthoc=dict(type='AdditiveLogitAdjust', tau=0.5)))
