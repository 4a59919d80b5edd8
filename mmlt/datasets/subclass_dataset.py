"""COG's local decomposition (Wu et al., DMKD 2010) as a dataset wrapper."""
from typing import Optional, Union

import numpy as np
from mmpretrain.registry import DATASETS
from sklearn.cluster import KMeans

from .utils import class_counts, first_image, flat_images, subclasses_per_class


@DATASETS.register_module()
class SubclassDataset:
    """A long-tailed training set relabelled into sub-classes: COG's phase I
    (the tutorial's "COG: Local Decomposition for Rare Class Analysis").

    Class i is clustered by k-means into ``K(i)`` sub-classes
    (:func:`~mmlt.datasets.utils.subclasses_per_class`); sub-class k of
    class i gets the label ``offset(i) + k``, ``offset(i) = sum_{c < i}
    K(c)``, so the labels are contiguous over ``S = sum_i K(i)``
    sub-classes, class by class. Clustering runs once, at construction
    (seeded), in pixel space (the raw images flattened, Euclidean distance,
    as :class:`SMOTEDataset`'s neighbours): the space COG clusters in is
    the input features, and for small images that is the pixels. Inside a
    class k-means puts each image with its nearest centre; sub-clusters of
    a digit are its writing styles.

    ``get_gt_labels()`` and ``metainfo['classes']`` are the sub-classes',
    so a sampler sees them: with ``RandomResampleSampler(mode='over')``
    each sub-class is replicated up to the largest, COG-OS's phase II
    (``replicate(D(j)*, r(j))``). The class counts of the wrapped set stay
    what :class:`~mmlt.engine.hooks.ClassCountsHook` hands the model, and
    :class:`~mmlt.models.SubclassClsHead` derives the same ``K(i)`` from
    them to map predicted sub-classes back to classes (phase IV).

    An item's ``gt_label`` is its sub-class and ``gt_class`` its class (the
    pipeline's ``PackInputs`` needs ``algorithm_keys=['gt_class']``), so the
    head can check that both derive the same sub-classes.

    Example:
        >>> train_dataloader = dict(
        ...     dataset=dict(type='SubclassDataset', max_subclasses=10,
        ...                  dataset=dict(type='MNIST5kLT', ...)),
        ...     sampler=dict(type='RandomResampleSampler', mode='over'))

    Args:
        dataset (dict | Dataset): The long-tailed training set; its data
            infos hold the images under ``'img'`` (mmlt's MNIST and CIFAR
            sets).
        subclass_size (int, optional): Target sub-class size; defaults to
            the smallest class's count.
        max_subclasses (int): Most sub-classes of one class. Defaults to 10.
        seed (int): Seed of k-means. Defaults to 0.
    """

    def __init__(self,
                 dataset: Union[dict, object],
                 subclass_size: Optional[int] = None,
                 max_subclasses: int = 10,
                 seed: int = 0):
        self.dataset = (
            DATASETS.build(dataset) if isinstance(dataset, dict) else dataset)
        classes = self.dataset.metainfo['classes']
        labels = np.asarray(self.dataset.get_gt_labels(), dtype=np.int64)
        k = subclasses_per_class(
            class_counts(labels, len(classes)), subclass_size, max_subclasses)
        first_image(self.dataset, 'SubclassDataset', 'COG clusters')
        #: the class of each sub-class, ``(S, )``
        self.subclass_to_class = np.repeat(np.arange(len(classes)), k)
        offsets = np.concatenate([[0], np.cumsum(k)[:-1]])
        self.subclass_labels = np.empty_like(labels)
        for c, (num, offset) in enumerate(zip(k, offsets)):
            members = np.flatnonzero(labels == c)
            if num == 1:
                self.subclass_labels[members] = offset
                continue
            clusters = KMeans(
                num, n_init=10, random_state=seed).fit_predict(
                    flat_images(self.dataset, members))
            self.subclass_labels[members] = offset + clusters
        sizes = np.bincount(self.subclass_labels, minlength=k.sum())
        if (sizes == 0).any():  # k-means keeps no empty cluster; a guard
            raise RuntimeError(
                f'SubclassDataset: sub-classes {np.flatnonzero(sizes == 0)} '
                'are empty.')
        self._metainfo = dict(
            self.dataset.metainfo,
            classes=[
                f'{classes[c]}/{j - offsets[c]}'
                for j, c in enumerate(self.subclass_to_class)
            ])

    @property
    def metainfo(self) -> dict:
        return self._metainfo

    def get_gt_labels(self) -> np.ndarray:
        return self.subclass_labels.copy()

    def __len__(self) -> int:
        return len(self.subclass_labels)

    def __getitem__(self, index: int) -> dict:
        info = self.dataset.get_data_info(index)
        info['gt_class'] = info['gt_label']
        info['gt_label'] = int(self.subclass_labels[index])
        item = self.dataset.pipeline(info)
        if 'gt_class' not in item['data_samples']:
            raise KeyError(
                'SubclassDataset: the packed sample has no `gt_class` (the '
                "image's class, which SubclassClsHead checks its sub-class "
                "against); give the pipeline's PackInputs "
                "algorithm_keys=['gt_class'].")
        return item
