# FixMatch + DARP: from 40% of training (iteration 600 of 1,500; DARP's
# code: epoch 200 of 500) the unlabeled set's latest weak-view predictions
# are refined every 10 iterations (the code's) by DARP's Algorithm 1
# (T = 10) to the labeled class
# distribution scaled to the unlabeled set (the matched case's assumption;
# model.target='unlabeled' for the unlabeled split's declared profile).
# MNIST5k-LT, N_1 = M_1 = 190, IF = 100, ResNet-8.
_base_ = ['./fixmatch_r8_mnist5k-lt-if100-semi.py']
model = dict(type='DARPFixMatch', start_iter=600, interval=10, num_iters=10)
