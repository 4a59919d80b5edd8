# CE on MNIST5k-LT with GAMO's class counts scaled to the 380-image pool
# (FACoG's Table 1 setting, ../facog/facog_r8_mnist5k-lt-gamo.py).
_base_ = ['./ce_r8_mnist5k-lt-if100.py']
train_dataloader = dict(dataset=dict(profile='gamo-scaled'))
