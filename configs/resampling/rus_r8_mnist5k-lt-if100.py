# Random under-sampling to balanced: each pass keeps n_min images of every
# class, the majority's drawn anew each pass. ResNet-8, MNIST5k-LT IF=100,
# the benchmark's 1,500 iterations (15 an epoch).
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
train_dataloader = dict(
    sampler=dict(
        _delete_=True,
        type='RandomResampleSampler',
        mode='under',
        num_samples=960))
