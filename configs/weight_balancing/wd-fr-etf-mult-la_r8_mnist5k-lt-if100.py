# WD & FR & ETF with multiplicative post-hoc LA, gamma tuned on the
# validation split at the end of every run (PosthocSearchHook).
_base_ = ['./wd-fr-etf-la_r8_mnist5k-lt-if100.py']
model = dict(
    head=dict(
        posthoc=dict(
            _delete_=True, type='MultiplicativeLogitAdjust', gamma=1.0)))
