# Random over-sampling to balanced (the tutorial's re-sampling baseline):
# every training image once per pass plus minority repeats drawn with
# replacement up to the largest class, drawn anew each pass. ResNet-8,
# MNIST5k-LT IF=100, the benchmark's 1,500 iterations (15 an epoch).
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
train_dataloader = dict(
    sampler=dict(
        _delete_=True,
        type='RandomResampleSampler',
        mode='over',
        num_samples=960))
