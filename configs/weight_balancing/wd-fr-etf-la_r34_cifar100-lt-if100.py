# WD & FR & ETF & LA, CIFAR-stem ResNet-34, CIFAR-100-LT IF=100: post-hoc
# additive LA at prediction. CIFAR-LT has no validation split (every head
# image is in the training set), so tau is the paper-default 1.0 here; set
# it with --cfg-options model.head.posthoc.tau=... .
_base_ = ['./wd-fr-etf_r34_cifar100-lt-if100.py']
model = dict(head=dict(posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
