import os.path as osp
import pickle
from unittest import mock

import numpy as np
import pytest
from mmpretrain.datasets import CIFAR10

from mmlt.datasets import CIFAR10LT, CIFAR100LT


def _dump(path, obj):
    with open(path, 'wb') as f:
        pickle.dump(obj, f)


@pytest.fixture(scope='module')
def cifar_root(tmp_path_factory):
    """CIFAR-10/100 python pickles with the real shapes and label order."""
    root = tmp_path_factory.mktemp('cifar')
    images = np.zeros((10000, 3072), dtype=np.uint8)
    c10 = root / 'cifar-10-batches-py'
    c10.mkdir()
    for i in range(1, 6):  # 5 batches x 10,000, 1,000 per class each
        _dump(c10 / f'data_batch_{i}',
              dict(data=images, labels=list(np.arange(10000) % 10)))
    _dump(c10 / 'test_batch',
          dict(data=images, labels=list(np.arange(10000) % 10)))
    _dump(c10 / 'batches.meta', dict(label_names=[f'c{i}' for i in range(10)]))
    c100 = root / 'cifar-100-python'
    c100.mkdir()
    _dump(
        c100 / 'train',
        dict(
            data=np.zeros((50000, 3072), dtype=np.uint8),
            fine_labels=list(np.arange(50000) % 100)))
    _dump(c100 / 'test',
          dict(data=images, fine_labels=list(np.arange(10000) % 100)))
    _dump(c100 / 'meta', dict(fine_label_names=[f'f{i}' for i in range(100)]))
    return str(root)


@pytest.fixture(autouse=True)
def no_md5():
    # The fake files cannot match the published md5 sums.
    with mock.patch.object(CIFAR10, '_check_integrity', return_value=True):
        yield


def test_cifar10_lt_exact_count(cifar_root):
    ds = CIFAR10LT(data_root=cifar_root, split='train', imb_factor=100)
    assert len(ds) == 12406
    counts = np.bincount(ds.get_gt_labels(), minlength=10)
    assert counts[0] == 5000 and counts[-1] == 50
    assert len(CIFAR10LT(data_root=cifar_root, split='test')) == 10000


def test_cifar100_lt_exact_count(cifar_root):
    ds = CIFAR100LT(data_root=cifar_root, split='train', imb_factor=100)
    assert len(ds) == 10847
    assert np.bincount(ds.get_gt_labels())[[0, 99]].tolist() == [500, 5]
    assert len(CIFAR100LT(data_root=cifar_root, split='train',
                          imb_factor=10)) == 19573


def test_cifar_lt_options(cifar_root):
    step = CIFAR10LT(data_root=cifar_root, imb_factor=10, profile='step')
    assert np.bincount(step.get_gt_labels()).tolist() == [5000] * 5 + [500] * 5
    first = CIFAR10LT(data_root=cifar_root, imb_factor=100, protocol='first_n')
    # first_n keeps file order: class 0 samples are 0, 10, 20, ...
    assert first.get_data_info(1)['gt_label'] == 0
    assert len(first) == 12406


def test_cifar_lt_bad_input(cifar_root):
    with pytest.raises(ValueError, match='imb_factor'):
        CIFAR10LT(data_root=cifar_root, imb_factor=0.5)
    with pytest.raises(ValueError, match='profile'):
        CIFAR10LT(data_root=cifar_root, profile='linear')
    with pytest.raises(ValueError, match='class 9 with 0 samples'):
        CIFAR10LT(data_root=cifar_root, imb_factor=10000)
    with pytest.raises(RuntimeError, match='Cannot find'):
        with mock.patch.object(
                CIFAR10, '_check_integrity', return_value=False):
            CIFAR10LT(data_root=osp.join(cifar_root, 'missing'))
