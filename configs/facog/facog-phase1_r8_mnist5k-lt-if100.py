# FACoG ablation: phase 1 only (CE + supervised contrastive) for the whole
# benchmark's 100 epochs (FACoG's phase 1), no dictionary, no generation.
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
train_cfg = dict(max_epochs=100, stages=dict(phase2=100))  # never
