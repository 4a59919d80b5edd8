# FACoG ablation: phase 1 only (CE + supervised contrastive) for the whole
# 30-epoch budget, no dictionary, no generation.
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
train_cfg = dict(stages=dict(phase2=30))  # at max_epochs: never
