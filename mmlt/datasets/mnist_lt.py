"""MNIST-LT and Fashion-MNIST-LT over the raw IDX files."""
from mmpretrain.datasets import MNIST, FashionMNIST
from mmpretrain.registry import DATASETS

from .base_lt import LongTailMixin


class _IDXLongTail(LongTailMixin):
    """Reads the split's own IDX files (mmpretrain keys them on test_mode)."""

    def __init__(self,
                 *args,
                 split: str = 'train',
                 download: bool = False,
                 **kwargs):
        kwargs.setdefault('test_mode', split == 'test')
        super().__init__(*args, split=split, download=download, **kwargs)


@DATASETS.register_module()
class MNISTLT(_IDXLongTail, MNIST):
    """Long-tailed MNIST from the uncompressed IDX files in ``data_root``.

    ``profile='gamo'`` gives GAMO's fixed counts (4000 ... 40, ratio 100)
    used by FACoG's Table 1; ``'exp'`` and ``'step'`` scale from the smallest
    MNIST class (5,421 images).
    """


@DATASETS.register_module()
class FashionMNISTLT(_IDXLongTail, FashionMNIST):
    """Long-tailed Fashion-MNIST, same arguments as :class:`MNISTLT`."""
