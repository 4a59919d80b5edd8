import numpy as np
import pytest

from mmlt.datasets.lt_profile import (GAMO_MNIST_COUNTS, lt_class_counts,
                                      select_lt_indices)


def test_exp_profile_ldam_totals():
    assert sum(lt_class_counts(5000, 10, 100)) == 12406
    assert sum(lt_class_counts(500, 100, 100)) == 10847
    counts = lt_class_counts(5000, 10, 100)
    assert counts[0] == 5000 and counts[-1] == 50
    # n_i = int(n_max * (1/IF) ** (i/(C-1))): i=1 -> int(5000 * 0.01**(1/9))
    assert counts[1] == int(5000 * 0.01**(1 / 9)) == 2997


def test_step_and_gamo_profiles():
    assert lt_class_counts(500, 4, 10, 'step') == [500, 500, 50, 50]
    assert lt_class_counts(0, 10, 100, 'gamo') == list(GAMO_MNIST_COUNTS)
    with pytest.raises(ValueError, match='10 classes'):
        lt_class_counts(0, 5, 100, 'gamo')
    # GAMO's ratios on MNIST5k's 380-image pool: 4000 * 0.095 = 380, ...,
    # 500 * 0.095 = 47.5 -> 48 (half to even), 40 * 0.095 = 3.8 -> 4
    assert lt_class_counts(
        380, 10, 1, 'gamo-scaled') == [380, 190, 95, 71, 48, 33, 19, 10, 6, 4]
    assert min(lt_class_counts(10, 10, 1, 'gamo-scaled')) == 1
    with pytest.raises(ValueError, match='profile'):
        lt_class_counts(10, 2, 2, 'linear')


@pytest.mark.parametrize('bad', [0.5, 0, -3])
def test_imb_factor_below_one(bad):
    with pytest.raises(ValueError, match='imb_factor'):
        lt_class_counts(100, 10, bad)


def test_ldam_selection_matches_global_shuffle():
    labels = np.repeat(np.arange(3), 10)
    counts = [10, 5, 2]
    keep = select_lt_indices(labels, counts, 'ldam', seed=0)
    # LDAM-DRW: np.random.seed(0), then per class np.random.shuffle(idx).
    np.random.seed(0)
    expected = []
    for c, n in enumerate(counts):
        idx = np.where(labels == c)[0]
        np.random.shuffle(idx)
        expected.extend(idx[:n])
    assert keep.tolist() == list(expected)
    first_n = select_lt_indices(labels, counts, 'first_n')
    assert first_n.tolist() == list(range(10)) + list(range(10, 15)) + [20, 21]


def test_selection_errors():
    labels = np.repeat(np.arange(2), 5)
    with pytest.raises(ValueError, match='class 1 with 0 samples'):
        select_lt_indices(labels, [5, 0])
    with pytest.raises(ValueError, match='Class 0 has 5 samples'):
        select_lt_indices(labels, [6, 1])
    with pytest.raises(ValueError, match='protocol'):
        select_lt_indices(labels, [1, 1], protocol='random')
