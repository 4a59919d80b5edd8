# FACoG control: phase 2 as FACoG's, but f_cls's extra features are real
# dictionary features of the selected classes drawn again (re-sampling in
# feature space); no generator, no discriminator. FACoG must beat it for
# generation to matter.
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
model = dict(augment='resample', lambda_adv=0.0, lambda_asc=0.0)
