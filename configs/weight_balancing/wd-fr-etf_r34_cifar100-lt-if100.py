# Table 5 row "WD & FR & ETF": WD & ETF plus feature regularisation 0.01.
_base_ = ['./wd-etf_r34_cifar100-lt-if100.py']
model = dict(head=dict(feat_reg=0.01))
