# FACoG's Table 1 setting (MNIST-LT with GAMO's class counts, metric ACSA
# and GM) on the bundled digits: GAMO's counts 4000 ... 40 scaled to the
# 380-image pool (380, 190, 95, 71, 48, 33, 19, 10, 6, 4; ratio 95), the
# benchmark's ResNet-8 and budget (phase 1: 1,500 iterations, phase 2: 67
# epochs of 15 iterations). `lt/acsa` and `lt/gm` are the paper's
# metrics. CE on the same data: ../baseline/ce_r8_mnist5k-lt-gamo.py.
_base_ = ['./facog_r8_mnist5k-lt-if100.py']
train_dataloader = dict(dataset=dict(profile='gamo-scaled'))
