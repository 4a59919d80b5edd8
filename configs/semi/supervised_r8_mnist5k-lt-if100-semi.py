# The supervised-only row of the long-tailed semi-supervised table: CE on
# the labeled part alone (N_1 = 190, IF = 100, drawn from MNIST5k's
# 380-image training pool by SemiSupervisedSplit, seed 0), ResNet-8, the
# benchmark's 1,500 iterations of batch 64.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
_split = dict(
    type='SemiSupervisedSplit',
    num_labeled=190,
    num_unlabeled=190,
    imb_factor=100,
    unlabeled_profile='same')
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        part='labeled',
        dataset=dict(
            type='MNIST5k', split='train', pipeline={{_base_.train_pipeline}}),
        **_split),
    sampler=dict(num_samples=960))
