"""CIFAR-10-LT and CIFAR-100-LT over mmpretrain's CIFAR files."""
from mmpretrain.datasets import CIFAR10, CIFAR100
from mmpretrain.registry import DATASETS

from .base_lt import LongTailMixin


@DATASETS.register_module()
class CIFAR10LT(LongTailMixin, CIFAR10):
    """Long-tailed CIFAR-10 (Cao et al., LDAM-DRW, NeurIPS 2019).

    The training split keeps ``int(5000 * (1/IF) ** (i/9))`` images of class i
    with the LDAM-DRW selection by default (12,406 images at IF=100); the test
    split is the balanced CIFAR-10 test set. Nothing is downloaded: point
    ``data_root`` at an extracted ``cifar-10-batches-py``.

    Example:
        >>> dict(type='CIFAR10LT', data_root='data/cifar10', split='train',
        ...      imb_factor=100, pipeline=[...])

    Args:
        data_root (str): Folder holding ``cifar-10-batches-py``.
        split (str): ``'train'`` or ``'test'``.
        imb_factor, profile, protocol, seed: see :class:`LongTailMixin`.
    """

    def __init__(self, *args, download: bool = False, **kwargs):
        super().__init__(*args, download=download, **kwargs)


@DATASETS.register_module()
class CIFAR100LT(LongTailMixin, CIFAR100):
    """Long-tailed CIFAR-100 (10,847 training images at IF=100).

    Same arguments as :class:`CIFAR10LT`, over ``cifar-100-python``.
    """

    def __init__(self, *args, download: bool = False, **kwargs):
        super().__init__(*args, download=download, **kwargs)
