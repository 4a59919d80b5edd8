# Table 5 row "WD & FR & ETF" without post-hoc adjustment: weight decay
# 5e-3, feature regularisation lambda 0.01, fixed simplex-ETF classifier, CE.
# ResNet-8, MNIST5k-LT IF=100.
_base_ = ['./wd-etf_r8_mnist5k-lt-if100.py']
model = dict(head=dict(feat_reg=0.01))
