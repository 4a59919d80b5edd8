# SMOTE with under-sampling of the majority, as the tutorial runs it: the
# classes are topped up by SMOTE to the square root of the data's
# imbalance factor (10 at IF=100, 3.2 at IF=10), then every
# pass under-samples them all to the smallest (balanced), the majority's
# images drawn anew each pass. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['./smote_r8_mnist5k-lt-if100.py']
train_dataloader = dict(
    dataset=dict(target_imb_factor='sqrt'),
    sampler=dict(
        _delete_=True,
        type='RandomResampleSampler',
        mode='under',
        num_samples=960))
