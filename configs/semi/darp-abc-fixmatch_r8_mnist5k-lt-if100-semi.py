# FixMatch + DARP + ABC: DARP's schedule and target refine the main head's
# pseudo-labels (darp-fixmatch config); ABC's auxiliary head trains on its
# masked, class-balanced share and predicts (abc-fixmatch config).
# MNIST5k-LT, N_1 = M_1 = 190, IF = 100, ResNet-8.
_base_ = ['./abc-fixmatch_r8_mnist5k-lt-if100-semi.py']
model = dict(type='DARPABCFixMatch', start_iter=600, interval=10, num_iters=10)
