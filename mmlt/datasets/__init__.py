from .base_lt import LongTailMixin
from .cifar_lt import CIFAR10LT, CIFAR100LT
from .cmo_dataset import CMODataset
from .list_lt import ImageNetLT, INat2018, LTListDataset, PlacesLT
from .lt_profile import lt_class_counts, select_lt_indices
from .mnist5k import MNIST5k, MNIST5kLT
from .mnist_lt import MNISTLT, FashionMNISTLT
from .noisy_label import NoisyLabelDataset, noisy_labels
from .partial_label import PartialLabelDataset, candidate_sets
from .samplers import *  # noqa: F401,F403
from .semi_dataset import SemiSupervisedDataset
from .semi_split import SemiSupervisedSplit, semi_split_counts
from .smote_dataset import SMOTEDataset, nearest_neighbours, smote
from .subclass_dataset import SubclassDataset
from .transforms import *  # noqa: F401,F403
from .utils import (subclasses_per_class, train_set_cfg,
                    unaugmented_train_set_cfg)

__all__ = [
    'SMOTEDataset', 'nearest_neighbours', 'smote', 'LongTailMixin',
    'CIFAR10LT', 'CIFAR100LT', 'CMODataset', 'LTListDataset', 'ImageNetLT',
    'INat2018', 'PlacesLT', 'MNIST5k', 'MNIST5kLT', 'MNISTLT',
    'FashionMNISTLT', 'lt_class_counts', 'select_lt_indices', 'train_set_cfg',
    'unaugmented_train_set_cfg', 'SubclassDataset', 'subclasses_per_class',
    'NoisyLabelDataset', 'noisy_labels', 'PartialLabelDataset',
    'candidate_sets', 'SemiSupervisedSplit', 'semi_split_counts',
    'SemiSupervisedDataset'
]
