"""Random over- / under-sampling and SMOTE against hand computations."""
import numpy as np
import pytest
import torch
from mmengine.dataset import BaseDataset

from mmlt.datasets import (RandomResampleSampler, SMOTEDataset,
                           nearest_neighbours, resample_targets, smote)
from mmlt.engine.hooks import ClassCountsHook
from mmlt.utils import derive_seed


class _Images(BaseDataset):
    """Tiny in-memory image set: class 0 has 6 images, class 1 has 3,
    class 2 has 1; image i is filled with the value 10 * i."""
    METAINFO = dict(classes=('a', 'b', 'c'))
    LABELS = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2]

    def load_data_list(self):
        return [
            dict(img=np.full((2, 2), 10 * i, np.uint8), gt_label=label)
            for i, label in enumerate(self.LABELS)
        ]

    def get_gt_labels(self):
        return np.array(self.LABELS)


def test_resample_targets_by_hand():
    counts = np.array([100, 10, 1])
    # balanced: everyone up to the largest / down to the smallest
    assert resample_targets(counts, 'over').tolist() == [100, 100, 100]
    assert resample_targets(counts, 'under').tolist() == [1, 1, 1]
    # IF 4, ranks 0, 1, 2: profile 1, 1/2, 1/4
    # over: max(n, 100 * p) = 100, 50, 25; under: min(n, 1 * 4 * p) = 4, 2, 1
    assert resample_targets(counts, 'over', 4.).tolist() == [100, 50, 25]
    assert resample_targets(counts, 'under', 4.).tolist() == [4, 2, 1]
    # the rank follows the counts, not the label order
    assert resample_targets(np.array([1, 100, 10]), 'over',
                            4.).tolist() == [25, 100, 50]
    with pytest.raises(ValueError, match="'over', 'under'"):
        resample_targets(counts, 'both')
    with pytest.raises(ValueError, match='imb_factor'):
        resample_targets(counts, 'over', 0.5)


@pytest.mark.parametrize('mode', ['over', 'under'])
def test_random_resample_sampler_passes(mode):
    dataset = _Images()
    sampler = RandomResampleSampler(dataset, mode=mode, seed=3)
    labels = dataset.get_gt_labels()
    epochs = []
    for epoch in range(3):
        sampler.set_epoch(epoch)
        indices = np.array(list(sampler))
        counts = np.bincount(labels[indices], minlength=3)
        assert counts.tolist() == ([6, 6, 6] if mode == 'over' else [1, 1, 1])
        if mode == 'over':  # every real sample at least once
            assert set(indices) == set(range(len(labels)))
        else:  # no repeats
            assert len(set(indices)) == len(indices)
        epochs.append(indices.tolist())
    assert len(sampler) == sum(counts)
    # drawn anew each epoch, reproducible from the seed
    assert epochs[0] != epochs[1] or epochs[1] != epochs[2]
    again = RandomResampleSampler(dataset, mode=mode, seed=3)
    again.set_epoch(2)
    assert list(again) == epochs[2]


def test_random_resample_sampler_fixed_epoch_length_chains_passes():
    sampler = RandomResampleSampler(
        _Images(), mode='over', seed=0, num_samples=12)  # pass of 18
    sampler.set_epoch(0)
    first = list(sampler)
    sampler.set_epoch(1)
    second = list(sampler)
    pass0 = sampler._pass(torch.Generator().manual_seed(derive_seed(0, 0)))
    assert first == pass0[:12].tolist()
    assert second[:6] == pass0[12:].tolist()


def test_nearest_neighbours_by_hand():
    # points on a line at 0, 1, 3, 7
    points = np.array([[0.], [1.], [3.], [7.]])
    assert nearest_neighbours(points, 1)[:, 0].tolist() == [1, 0, 1, 2]
    # k = 2: 0 -> (1, 3); 1 -> (0, 3); 3 -> (1, 0); 7 -> (3, 1)
    assert nearest_neighbours(points, 2).tolist() == [[1, 2], [0, 2], [1, 0],
                                                      [2, 1]]
    # never more neighbours than other points
    assert nearest_neighbours(points[:2], 5).shape == (2, 1)


def test_smote_points_lie_on_segments_to_a_near_neighbour():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(6, 3))
    new, base, other, gap = smote(points, 14, 2, rng)
    assert new.shape == (14, 3)
    # every point a base twice (14 = 2 x 6 + 2), two of them a third time
    assert np.bincount(base, minlength=6).tolist().count(2) == 4
    neighbours = nearest_neighbours(points, 2)
    for x, i, j, u in zip(new, base, other, gap):
        assert j in neighbours[i]
        assert 0 <= u < 1
        assert np.allclose(x, points[i] + u * (points[j] - points[i]))
    # a class of one image is copied
    single, _, _, _ = smote(points[:1], 3, 5, rng)
    assert np.allclose(single, points[:1].repeat(3, 0))


def test_smote_dataset_tops_up_classes_with_interpolated_images():
    dataset = SMOTEDataset(_Images(), k=5, seed=0)
    assert len(dataset) == 18 and dataset.num_real == 10
    assert np.bincount(dataset.get_gt_labels()).tolist() == [6, 6, 6]
    # class 1 holds the images 60, 70, 80: new ones lie between them
    ones = dataset.synthetic_images[dataset.synthetic_labels == 1]
    assert ones.dtype == np.uint8 and ones.shape == (3, 2, 2)
    assert ((ones >= 60) & (ones <= 80)).all()
    # class 2 (one image, value 90) is copied
    assert (
        dataset.synthetic_images[dataset.synthetic_labels == 2] == 90).all()
    # synthetic samples go through the pipeline with their label
    item = dataset[17]
    assert item['gt_label'] == 2 and item['sample_idx'] == 17
    assert dataset[0]['gt_label'] == 0
    # an IF of the top-up profile: 6, 6 * 1/2, 6 * 1/4 -> 6, 3 (kept), 2
    partial = SMOTEDataset(_Images(), target_imb_factor=4.0)
    assert np.bincount(partial.get_gt_labels()).tolist() == [6, 3, 2]
    # 'sqrt': the data's 6 / 1 -> sqrt 6 = 2.45: 6, 6 / 2.45^0.5, 6 / 2.45
    half = SMOTEDataset(_Images(), target_imb_factor='sqrt')
    assert np.bincount(half.get_gt_labels()).tolist() == [6, 4, 2]
    # the class statistics are the real images' (many / medium / few, priors)
    assert ClassCountsHook.count_dataset(dataset).tolist() == [6, 3, 1]


def test_smote_dataset_needs_images_in_memory():

    class _Paths(_Images):

        def load_data_list(self):
            return [
                dict(img_path=f'{i}.png', gt_label=label)
                for i, label in enumerate(self.LABELS)
            ]

    with pytest.raises(KeyError, match='no key "img"'):
        SMOTEDataset(_Paths())
