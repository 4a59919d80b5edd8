# FixMatch + DARP on CIFAR-10-LT, N_1 = 1500, M_1 = 3000, gamma = 100: the
# FixMatch config with DARP's schedule of its code, refinement from 40% of
# training (iteration 419,430 of 2^20) every 10 iterations, T = 10, to the
# labeled distribution scaled to the unlabeled set; mismatched unlabeled
# profiles with model.target='unlabeled'.
_base_ = ['./fixmatch_r32_cifar10-lt-n1500-m3000-g100.py']
model = dict(type='DARPFixMatch', start_iter=419430, interval=10, num_iters=10)
