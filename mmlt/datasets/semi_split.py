"""Labeled and unlabeled long-tailed parts of one training pool (LT-SSL)."""
from typing import Optional, Union

import numpy as np
from mmpretrain.registry import DATASETS

from .lt_profile import lt_class_counts

UNLABELED_PROFILES = ('same', 'reversed', 'uniform')


def semi_split_counts(num_classes: int,
                      num_labeled: int,
                      num_unlabeled: int,
                      imb_factor: float,
                      unlabeled_profile: str = 'same',
                      unlabeled_imb_factor: Optional[float] = None):
    """Per-class labeled and unlabeled counts of the DARP / ABC protocol.

    Labeled ``N_k = int(N_1 * IF^(-(k - 1) / (K - 1)))``; unlabeled, of its
    own imbalance factor (default the labeled one), ``'same'``
    ``M_k = int(M_1 * IF_u^(-(k - 1) / (K - 1)))``, ``'reversed'`` the same
    counts in reverse class order, ``'uniform'`` ``M_1`` each.

    Example:
        >>> semi_split_counts(3, 100, 40, 4.0, 'reversed')
        ([100, 50, 25], [10, 20, 40])
    """
    if unlabeled_profile not in UNLABELED_PROFILES:
        raise ValueError(f'unlabeled_profile must be one of '
                         f'{UNLABELED_PROFILES}, got {unlabeled_profile!r}.')
    labeled = lt_class_counts(num_labeled, num_classes, imb_factor)
    if unlabeled_profile == 'uniform':
        return labeled, [num_unlabeled] * num_classes
    unlabeled = lt_class_counts(
        num_unlabeled, num_classes,
        imb_factor if unlabeled_imb_factor is None else unlabeled_imb_factor)
    if unlabeled_profile == 'reversed':
        unlabeled = unlabeled[::-1]
    return labeled, unlabeled


@DATASETS.register_module()
class SemiSupervisedSplit:
    """The labeled or the unlabeled part of a (balanced) training pool, each
    long-tailed by its own profile (:func:`semi_split_counts`), disjoint.

    Each class's indices are permuted once (``seed``); the first ``N_k`` are
    the labeled part and the next ``M_k`` the unlabeled part, so two
    wrappers of the same pool and arguments but ``part`` give the two
    halves of one split. Unlabeled items carry no ``gt_label`` (no loss can
    read it); their true labels stay in :meth:`get_gt_labels` for the
    pseudo-label precision / recall. ``ClassCountsHook`` counts the part it
    is given (``counts_here``), the labeled part in a training config: the
    counts a model may know.

    Example:
        >>> # DARP / ABC on CIFAR-10: N_1 = 1500, M_1 = 3000, gamma = 100
        >>> labeled = dict(type='SemiSupervisedSplit', part='labeled',
        ...                num_labeled=1500, num_unlabeled=3000,
        ...                imb_factor=100, dataset=dict(type='CIFAR10', ...))

    Args:
        dataset (dict | Dataset): The pool (e.g. ``MNIST5k(split='train')``
            or mmpretrain's ``CIFAR10``), enough images in every class.
        part (str): ``'labeled'`` or ``'unlabeled'``.
        num_labeled, num_unlabeled (int): ``N_1``, ``M_1``.
        imb_factor (float): The labeled part's imbalance factor.
        unlabeled_profile (str): ``'same'``, ``'reversed'`` or
            ``'uniform'``. Defaults to ``'same'``.
        unlabeled_imb_factor (float, optional): The unlabeled part's
            imbalance factor; defaults to ``imb_factor``.
        seed (int): Seed of the split (never the run's seed, so every run
            of a comparison sees the same split). Defaults to 0.
        hide_labels (bool): Drop the unlabeled part's ``gt_label`` from its
            items. Defaults to True; False for evaluating pseudo-labels
            (:class:`~mmlt.engine.hooks.PseudoLabelHook`).
    """

    #: ClassCountsHook counts this subset, not the pool
    counts_here = True

    def __init__(self,
                 dataset: Union[dict, object],
                 part: str,
                 num_labeled: int,
                 num_unlabeled: int,
                 imb_factor: float,
                 unlabeled_profile: str = 'same',
                 unlabeled_imb_factor: Optional[float] = None,
                 seed: int = 0,
                 hide_labels: bool = True):
        if part not in ('labeled', 'unlabeled'):
            raise ValueError("SemiSupervisedSplit: part must be 'labeled' or "
                             f"'unlabeled', got {part!r}.")
        self.dataset = (
            DATASETS.build(dataset) if isinstance(dataset, dict) else dataset)
        self.part = part
        self.hide_labels = hide_labels
        classes = self.dataset.metainfo['classes']
        labels = np.asarray(self.dataset.get_gt_labels(), dtype=np.int64)
        self.labeled_counts, self.unlabeled_counts = semi_split_counts(
            len(classes), num_labeled, num_unlabeled, imb_factor,
            unlabeled_profile, unlabeled_imb_factor)
        rng = np.random.default_rng(seed)
        keep = []
        for c, (n, m) in enumerate(
                zip(self.labeled_counts, self.unlabeled_counts)):
            members = rng.permutation(np.flatnonzero(labels == c))
            if n + m > len(members):
                raise ValueError(
                    f'SemiSupervisedSplit: class {c} ({classes[c]}) has '
                    f'{len(members)} images, the split asks {n} labeled + '
                    f'{m} unlabeled.')
            keep.append(members[:n] if part == 'labeled' else members[n:n + m])
        self.indices = np.sort(np.concatenate(keep))
        self.labels = labels[self.indices]

    @property
    def metainfo(self) -> dict:
        return self.dataset.metainfo

    def get_gt_labels(self) -> np.ndarray:
        """The true labels of the part (hidden from training when
        unlabeled)."""
        return self.labels.copy()

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, index: int) -> dict:
        info = self.dataset.get_data_info(int(self.indices[index]))
        info['sample_idx'] = index
        if self.part == 'unlabeled' and self.hide_labels:
            del info['gt_label']
        return self.dataset.pipeline(info)
