# FACoG ablation (Table 4): phase 1 + phase 2 with L_asc only (no
# discriminator, no L_adv).
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
model = dict(lambda_adv=0.0)
