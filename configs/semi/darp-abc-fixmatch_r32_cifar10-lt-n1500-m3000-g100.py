# FixMatch + DARP + ABC on CIFAR-10-LT, N_1 = 1500, M_1 = 3000,
# gamma = 100: DARP's schedule of darp-fixmatch_r32_... on the main head's
# pseudo-labels, ABC's auxiliary head of abc-fixmatch_r32_... predicts.
_base_ = ['./abc-fixmatch_r32_cifar10-lt-n1500-m3000-g100.py']
model = dict(
    type='DARPABCFixMatch', start_iter=419430, interval=10, num_iters=10)
