"""Checks, summaries and config helpers shared by the long-tailed
datasets."""
import copy
from typing import Optional, Sequence, Tuple

import numpy as np
from mmengine.logging import print_log


def class_counts(labels: Sequence[int], num_classes: int) -> np.ndarray:
    """Number of samples of each class, as an int64 array of length C."""
    return np.bincount(
        np.asarray(labels, dtype=np.int64), minlength=num_classes)


def check_labels(labels: Sequence[int],
                 num_classes: int,
                 source: str,
                 lines: Optional[Sequence[int]] = None) -> None:
    """Raise a ``ValueError`` naming ``source`` for a label out of range.

    Args:
        labels: Integer labels.
        num_classes (int): Valid labels are ``0 .. num_classes - 1``.
        source (str): The file or dataset the labels come from.
        lines: Line numbers of the labels in ``source`` (1-based), if any.
    """
    labels = np.asarray(labels)
    bad = np.where((labels < 0) | (labels >= num_classes))[0]
    if len(bad):
        i = int(bad[0])
        where = f'line {lines[i]}' if lines is not None else f'sample {i}'
        raise ValueError(f'{source}, {where}: label {int(labels[i])} is '
                         f'outside [0, {num_classes - 1}] (num_classes='
                         f'{num_classes}); {len(bad)} such label(s) in all.')


def check_no_empty_class(counts: Sequence[int], classes: Sequence[str],
                         source: str) -> None:
    """Raise a ``ValueError`` naming the classes left with zero samples."""
    empty = [str(classes[i]) for i, n in enumerate(counts) if n == 0]
    if empty:
        raise ValueError(f'{source}: {len(empty)} class(es) have zero '
                         f'training samples: {", ".join(empty[:10])}'
                         f'{" ..." if len(empty) > 10 else ""}.')


def summarize_counts(name: str, counts: Sequence[int]) -> str:
    """A one-paragraph class-count summary of a dataset split."""
    counts = np.asarray(counts)
    nonzero = counts[counts > 0]
    ratio = nonzero.max() / nonzero.min() if len(nonzero) else float('nan')
    text = (f'{name}: {int(counts.sum())} samples, {len(counts)} classes, '
            f'max {int(counts.max())}, min {int(counts.min())}, realised '
            f'imbalance ratio (max / min) {ratio:.1f}')
    if len(counts) <= 20:
        text += f', per class {counts.tolist()}'
    return text


def log_class_counts(dataset, name: Optional[str] = None) -> None:
    """Print the class-count summary of a dataset to the current logger."""
    counts = class_counts(dataset.get_gt_labels(),
                          len(dataset.metainfo['classes']))
    name = name or f'{type(dataset).__name__}'
    print_log(summarize_counts(name, counts), logger='current')


def train_set_cfg(cfg) -> Tuple[dict, str]:
    """The training set's config inside any dataset wrappers
    (``CMODataset`` ...) and its config key, e.g.
    ``'train_dataloader.dataset.dataset'``."""
    key, dataset = 'train_dataloader.dataset', cfg.train_dataloader.dataset
    while 'dataset' in dataset:
        key, dataset = key + '.dataset', dataset['dataset']
    return dataset, key


def unaugmented_train_set_cfg(cfg, pipeline=None) -> dict:
    """The training set's config (:func:`train_set_cfg`) with ``pipeline``
    (the test pipeline if None): every training image once, unaugmented."""
    dataset = copy.deepcopy(train_set_cfg(cfg)[0])
    dataset['pipeline'] = copy.deepcopy(
        cfg.test_dataloader.dataset.pipeline if pipeline is None else pipeline)
    return dataset


def subclasses_per_class(counts: Sequence[int],
                         subclass_size: Optional[int] = None,
                         max_subclasses: int = 10) -> np.ndarray:
    """COG's K(i): how many sub-classes class i is decomposed into.

    ``K(i) = min(max_subclasses, n_i, max(1, round(n_i / subclass_size)))``:
    the classes are cut into sub-classes of about ``subclass_size`` samples
    (default: the smallest class's count, so the sub-classes of the head
    come near the size of the rarest class), at most ``max_subclasses`` a
    class, since a cluster of a handful of images is no concept a network
    can learn apart from its neighbours.

    Example:
        >>> subclasses_per_class([380, 48, 4], max_subclasses=10).tolist()
        [10, 10, 1]
        >>> subclasses_per_class([380, 48, 4], subclass_size=40).tolist()
        [10, 1, 1]
    """
    counts = np.asarray(counts, dtype=np.float64)
    if max_subclasses < 1:
        raise ValueError(
            f'`max_subclasses` must be >= 1, got {max_subclasses}.')
    size = counts.min() if subclass_size is None else subclass_size
    if size <= 0:
        raise ValueError(f'`subclass_size` must be > 0, got {size}.')
    k = np.maximum(1, np.rint(counts / size)).astype(np.int64)
    return np.minimum(np.minimum(k, max_subclasses), counts.astype(np.int64))


def first_image(dataset, owner: str, use: str) -> np.ndarray:
    """The image of ``dataset``'s first data info, for wrappers that work
    on images held in memory (mmlt's MNIST and CIFAR sets keep them under
    ``'img'``); raises a ``KeyError`` naming ``owner`` and its ``use``
    when the infos hold none (e.g. a list of image files)."""
    first = dataset.get_data_info(0)
    if 'img' not in first:
        raise KeyError(
            f'{owner}: the data infos of {type(dataset).__name__} have no key '
            f'"img" (keys: {sorted(first)}); {use} images held in memory.')
    return np.asarray(first['img'])


def flat_images(dataset, indices: Sequence[int]) -> np.ndarray:
    """``(len(indices), pixels)`` float64: the in-memory images of those
    data infos, flattened (the pixel space of SMOTE's neighbours and COG's
    clusters)."""
    return np.stack([
        np.asarray(dataset.get_data_info(i)['img'], dtype=np.float64).ravel()
        for i in indices
    ])
