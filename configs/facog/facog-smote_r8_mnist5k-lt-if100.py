# FACoG control and feature-space SMOTE for a decoupled classifier stage:
# phase 2 as FACoG's, but f_cls's extra features are SMOTE points between a
# dictionary feature of the selected class and one of its k = 5 nearest
# same-class neighbours (Chawla et al. 2002, in the frozen backbone's
# feature space); no generator, no discriminator. A convex combination of
# two real features, where FACoG's generator learns one of N_s.
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
model = dict(augment='smote', smote_k=5, lambda_adv=0.0, lambda_asc=0.0)
