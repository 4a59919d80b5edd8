"""The labeled / unlabeled split of long-tailed semi-supervised learning."""
import numpy as np
import pytest

from mmlt.datasets import MNIST5k, SemiSupervisedSplit, semi_split_counts
from mmlt.engine.hooks import ClassCountsHook


def test_split_counts_by_hand():
    # N_1 = 100, IF 4: 100, 100 * 4^-0.5 = 50, 25
    assert semi_split_counts(3, 100, 40, 4.0) == ([100, 50, 25], [40, 20, 10])
    assert semi_split_counts(3, 100, 40, 4.0, 'uniform')[1] == [40, 40, 40]
    assert semi_split_counts(3, 100, 40, 4.0, 'same', 1.0)[1] == [40] * 3
    with pytest.raises(ValueError, match='unlabeled_profile'):
        semi_split_counts(3, 100, 40, 4.0, 'inverse')


@pytest.mark.parametrize('profile', ['same', 'reversed'])
def test_parts_are_disjoint_and_follow_their_profiles(profile):
    pool = MNIST5k(split='train', pipeline=[dict(type='PackInputs')])
    parts = {
        part:
        SemiSupervisedSplit(
            pool,
            part=part,
            num_labeled=190,
            num_unlabeled=190,
            imb_factor=100,
            unlabeled_profile=profile)
        for part in ('labeled', 'unlabeled')
    }
    labeled, unlabeled = parts['labeled'], parts['unlabeled']
    assert not set(labeled.indices) & set(unlabeled.indices)
    assert np.bincount(labeled.get_gt_labels()).tolist() == \
        labeled.labeled_counts
    expected = semi_split_counts(10, 190, 190, 100, profile)[1]
    assert np.bincount(unlabeled.get_gt_labels()).tolist() == expected
    assert ClassCountsHook.count_dataset(labeled).tolist() == \
        labeled.labeled_counts
    # an unlabeled item hides its label; a labeled one keeps it
    assert 'gt_label' not in unlabeled[0]['data_samples']
    item = labeled[5]['data_samples']
    assert int(item.gt_label) == labeled.get_gt_labels()[5]
    assert item.sample_idx == 5


def test_a_split_larger_than_the_pool_names_the_class():
    pool = MNIST5k(split='train', pipeline=[])
    with pytest.raises(ValueError, match=r'class 0 .* has 380 images'):
        SemiSupervisedSplit(
            pool,
            part='labeled',
            num_labeled=300,
            num_unlabeled=300,
            imb_factor=100)
