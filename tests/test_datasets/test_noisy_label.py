"""Noisy labels: the symmetric and pair-flip generators and the wrapper."""
import numpy as np
import pytest

from mmlt.datasets import MNIST5kLT, NoisyLabelDataset, noisy_labels
from mmlt.engine.hooks import ClassCountsHook


@pytest.mark.parametrize('rate', [0.2, 0.4])
def test_symmetric_noise_rate_and_uniform_wrong_classes(rate):
    labels = np.random.default_rng(1).integers(10, size=50000)
    noisy = noisy_labels(labels, 10, rate, 'symmetric',
                         np.random.default_rng(0))
    wrong = noisy != labels
    assert wrong.mean() == pytest.approx(rate, abs=0.006)
    # a wrong label of class 3 lands on each of the other 9 classes alike
    landed = np.bincount(noisy[wrong & (labels == 3)], minlength=10)
    assert landed[3] == 0
    share = landed[np.arange(10) != 3] / landed.sum()
    assert share == pytest.approx(np.full(9, 1 / 9), abs=0.02)


def test_pairflip_noise_goes_to_the_next_class():
    labels = np.random.default_rng(1).integers(10, size=50000)
    noisy = noisy_labels(labels, 10, 0.2, 'pairflip', np.random.default_rng(0))
    wrong = noisy != labels
    assert wrong.mean() == pytest.approx(0.2, abs=0.006)
    assert (noisy[wrong] == (labels[wrong] + 1) % 10).all()
    # rate 0 keeps every label; bad arguments name themselves
    assert (noisy_labels(labels, 10, 0.0, 'pairflip',
                         np.random.default_rng(0)) == labels).all()
    with pytest.raises(ValueError, match='noise rate'):
        noisy_labels(labels, 10, 1.0, 'symmetric', np.random.default_rng(0))
    with pytest.raises(ValueError, match="'flip'"):
        noisy_labels(labels, 10, 0.2, 'flip', np.random.default_rng(0))


def test_dataset_trains_on_noisy_labels_and_keeps_the_clean_ones():
    clean = MNIST5kLT(
        split='train', imb_factor=100, pipeline=[dict(type='PackInputs')])
    data = NoisyLabelDataset(clean, rate=0.4, seed=3)
    true = np.asarray(clean.get_gt_labels())
    assert (data.clean_gt_labels == true).all()
    assert (data.get_gt_labels() == data.noisy_gt_labels).all()
    # class counts (losses, many / medium / few) are the clean profile's
    assert (ClassCountsHook.count_dataset(data) == np.bincount(true)).all()
    assert len(data) == len(clean)
    flipped = np.flatnonzero(data.noisy_gt_labels != true)
    assert 0.3 < len(flipped) / len(data) < 0.5
    i = int(flipped[0])
    item = data[i]['data_samples']
    assert int(item.gt_label) == data.noisy_gt_labels[i] != true[i]
    # seeded: the same seed gives the same labels, another seed others
    assert (NoisyLabelDataset(
        clean, rate=0.4,
        seed=3).noisy_gt_labels == data.noisy_gt_labels).all()
    assert (NoisyLabelDataset(clean, rate=0.4, seed=4).noisy_gt_labels
            != data.noisy_gt_labels).any()
