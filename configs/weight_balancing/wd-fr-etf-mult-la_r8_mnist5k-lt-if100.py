# WD & FR & ETF with multiplicative post-hoc LA. gamma = 0.4:
# tools/search_posthoc.py on the validation split for the seed-0 IF=100
# model (75.0% at 0, 81.0% at 0.4, 64.5% at 1).
_base_ = ['./wd-fr-etf-la_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        posthoc=dict(
            _delete_=True, type='MultiplicativeLogitAdjust', gamma=0.4)))
