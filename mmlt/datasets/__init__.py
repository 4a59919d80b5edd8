from .base_lt import LongTailMixin
from .cifar_lt import CIFAR10LT, CIFAR100LT
from .cmo_dataset import CMODataset
from .list_lt import INat2018, ImageNetLT, LTListDataset, PlacesLT
from .lt_profile import lt_class_counts, select_lt_indices
from .mnist5k import MNIST5k, MNIST5kLT
from .mnist_lt import FashionMNISTLT, MNISTLT
from .samplers import *  # noqa: F401,F403
from .transforms import *  # noqa: F401,F403

__all__ = [
    'LongTailMixin', 'CIFAR10LT', 'CIFAR100LT', 'CMODataset', 'LTListDataset', 'ImageNetLT',
    'INat2018', 'PlacesLT', 'MNIST5k', 'MNIST5kLT', 'MNISTLT', 'FashionMNISTLT',
    'lt_class_counts', 'select_lt_indices'
]
