"""CMO's streams and dataset wrapper; AFR's rebuilt set."""
import os.path as osp

import numpy as np
import pytest
import torch
from mmpretrain.datasets import BaseDataset

from mmlt.datasets import CMODataset, CMOSampler, InverseFrequencySampler
from mmlt.datasets.afr_dataset import (MANIFEST, PERTURBED, AFRDataset,
                                       rebuilt_checksum)
from mmlt.models.afr import build_manifest, manifest_summary

COUNTS = [8, 4, 2, 1]


class TinySet(BaseDataset):
    """4 classes of 4x4 uint8 images whose pixels all equal the index."""
    METAINFO = dict(classes=['a', 'b', 'c', 'd'])

    def load_data_list(self):
        labels = np.repeat(np.arange(4), COUNTS)
        return [
            dict(img=np.full((4, 4), i, np.uint8), gt_label=int(y))
            for i, y in enumerate(labels)
        ]


def tiny_set():
    return TinySet(ann_file='', pipeline=[dict(type='PackInputs')])


def test_inverse_frequency_probs():
    # weights 1 / n_c^alpha per sample: alpha = 1 draws classes uniformly,
    # alpha = 0.5 gives p_c ~ n_c^0.5
    sampler = InverseFrequencySampler(tiny_set(), alpha=1.0, seed=0)
    np.testing.assert_allclose(sampler.class_probs(), 0.25)
    half = InverseFrequencySampler(tiny_set(), alpha=0.5, seed=0)
    root = np.sqrt(COUNTS)
    np.testing.assert_allclose(half.class_probs(), root / root.sum())
    big = InverseFrequencySampler(
        tiny_set(), alpha=1.0, seed=0, num_samples=40000)
    drawn = np.bincount(np.asarray(tiny_set().get_gt_labels())[list(big)])
    np.testing.assert_allclose(drawn / 40000, 0.25, atol=0.01)


def test_cmo_sampler_and_dataset_pairs():
    dataset = CMODataset(tiny_set())
    sampler = CMOSampler(dataset, alpha=1.0, seed=0)
    pairs = list(sampler)
    assert len(pairs) == len(sampler) == len(dataset) == 15
    # the first stream is a permutation of the set
    assert sorted(i for i, _ in pairs) == list(range(15))
    item = dataset[pairs[0]]
    i, j = pairs[0]
    assert item['inputs'].unique().item() == i
    assert item['minority']['inputs'].unique().item() == j
    assert item['minority']['data_samples'].gt_label.item() == \
        dataset.get_gt_labels()[j]
    # an integer index (validation, feature extraction) is the plain sample
    assert 'minority' not in dataset[3]
    sampler.set_epoch(1)
    assert list(sampler) != pairs


def test_build_manifest_is_balanced_with_mix_share():
    labels = np.repeat(np.arange(4), COUNTS)
    attacked = np.array([1, 2, 3, 9])  # three of class 0, one of class 1
    entries = build_manifest(labels, 4, attacked, 0.25,
                             np.random.default_rng(0))
    # T = max(n_c + p_c) = 8 + 3
    assert manifest_summary(entries, 4) == [11, 11, 11, 11]
    plain = entries['partner'] < 0
    mixed = ~plain
    assert mixed.sum() == round(0.25 * 15) == 4
    # every original and every perturbed row appears once in the plain part
    originals = plain & (entries['perturbed'] < 0)
    for c in range(4):
        own = np.flatnonzero(labels == c)
        got = entries['source'][originals & (entries['label'] == c)]
        assert set(own) <= set(got) and set(got) <= set(own)
    rows = entries['perturbed'][entries['perturbed'] >= 0]
    assert sorted(rows) == [0, 1, 2, 3]
    np.testing.assert_array_equal(entries['source'][entries['perturbed'] >= 0],
                                  attacked)
    # labels follow the source; mixed entries pair an original with the
    # balanced part and have lam in (0, 1)
    np.testing.assert_array_equal(entries['label'], labels[entries['source']])
    assert (entries['partner'][mixed] < plain.sum()).all()
    assert len(set(entries['source'][mixed])) == 4
    assert ((entries['lam'][mixed] > 0) & (entries['lam'][mixed] < 1)).all()


def _write_round(directory, source, attacked, mix_share=0.25, seed=0):
    labels = np.asarray(source.get_gt_labels())
    entries = build_manifest(labels, 4, attacked, mix_share,
                             np.random.default_rng(seed))
    np.savez(osp.join(directory, MANIFEST), **entries)
    # the "perturbed" copy of sample i has every pixel 100 + i
    np.save(
        osp.join(directory, PERTURBED),
        np.stack([np.full((1, 4, 4), 100 + i, np.uint8) for i in attacked]))
    return entries


def test_afr_dataset_reads_originals_perturbed_and_mixes(tmp_path):
    source = tiny_set()
    entries = _write_round(
        str(tmp_path), source, np.array([0, 1]), mix_share=0.5)
    dataset = AFRDataset(str(tmp_path), source, [dict(type='PackInputs')], 4)
    assert len(dataset) == len(entries['label'])
    np.testing.assert_array_equal(dataset.get_gt_labels(), entries['label'])
    for k in range(len(dataset)):
        item = dataset[k]
        score = item['data_samples'].gt_score
        assert item['inputs'].shape == (1, 4, 4)
        assert score.sum().item() == pytest.approx(1.0)
        row, partner = entries['perturbed'][k], entries['partner'][k]
        if partner < 0:
            want = (100 +
                    entries['source'][k] if row >= 0 else entries['source'][k])
            assert (item['inputs'] == want).all()
            assert score[entries['label'][k]] == 1
            continue
        # CutMix: lam is the background's pixel share after clipping
        lam = (item['inputs'] == entries['source'][k]).float().mean().item()
        if entries['label'][partner] != entries['label'][k]:
            assert score[entries['label'][k]].item() == pytest.approx(lam)
    assert rebuilt_checksum(str(tmp_path)) == rebuilt_checksum(str(tmp_path))


def test_afr_dataset_bad_mode(tmp_path):
    source = tiny_set()
    _write_round(str(tmp_path), source, np.array([0]))
    with pytest.raises(ValueError, match='mix_mode'):
        AFRDataset(str(tmp_path), source, [], 4, mix_mode='mosaic')


def test_checksum_sees_a_changed_image(tmp_path):
    source = tiny_set()
    _write_round(str(tmp_path), source, np.array([0, 1]))
    before = rebuilt_checksum(str(tmp_path))
    images = np.load(osp.join(str(tmp_path), PERTURBED))
    images[1, 0, 0, 0] += 1
    np.save(osp.join(str(tmp_path), PERTURBED), images)
    assert rebuilt_checksum(str(tmp_path)) != before
    assert torch.is_tensor(
        AFRDataset(str(tmp_path), source, [dict(type='PackInputs')],
                   4)[0]['inputs'])


def test_unaugmented_train_set_inside_the_cmo_wrapper():
    from mmengine.config import Config

    from mmlt.datasets import unaugmented_train_set_cfg
    cfg = Config.fromfile('configs/cmo/bs_cmo_r8_mnist5k-lt-if100.py')
    dataset = unaugmented_train_set_cfg(cfg)
    assert dataset['type'] == 'MNIST5kLT' and dataset['imb_factor'] == 100
    assert dataset['pipeline'] == cfg.test_dataloader.dataset.pipeline
    assert cfg.train_dataloader.dataset.type == 'CMODataset'  # untouched
