# FACoG ablation (Table 4): phase 1 + phase 2 with L_adv only (no L_asc).
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
model = dict(lambda_asc=0.0)
