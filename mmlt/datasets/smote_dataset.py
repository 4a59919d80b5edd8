"""SMOTE (Chawla et al., JAIR 2002) as a dataset wrapper on small images."""
from typing import Tuple, Union

import numpy as np
from mmpretrain.registry import DATASETS

from .samplers.resample import resample_targets
from .utils import class_counts, first_image, flat_images


def nearest_neighbours(points: np.ndarray, k: int) -> np.ndarray:
    """``(n, min(k, n - 1))`` indices of each point's nearest other points
    by Euclidean distance, nearest first (ties by index)."""
    points = np.asarray(points, dtype=np.float64)
    sq = (points**2).sum(1)
    dist = sq[:, None] + sq[None, :] - 2 * points @ points.T
    np.fill_diagonal(dist, np.inf)
    order = np.argsort(dist, axis=1, kind='stable')
    return order[:, :min(k, len(points) - 1)]


def smote(points: np.ndarray, num_new: int, k: int,
          rng: np.random.Generator) -> Tuple[np.ndarray, ...]:
    """``num_new`` synthetic points of one class (Chawla et al., Sec. 4.2).

    The class's points are taken as bases in turn (each ``num_new / n``
    times, the remainder by a random subset); each synthetic point is
    ``x_i + u (x_j - x_i)``, ``x_j`` a random one of the ``k`` nearest
    neighbours of ``x_i`` in its class, ``u ~ U(0, 1)``: a point on the
    segment between two members. A class of one point is copied.

    Returns:
        tuple: ``(synthetic (num_new, d), base index, neighbour index,
        gap u)``, the indices into ``points``.
    """
    n = len(points)
    base = np.concatenate([
        np.tile(np.arange(n), num_new // n),
        rng.permutation(n)[:num_new % n]
    ]).astype(np.int64)
    gap = rng.random(num_new)
    if n == 1:
        return points[base].astype(np.float64), base, base, gap * 0
    neighbours = nearest_neighbours(points, k)
    pick = rng.integers(neighbours.shape[1], size=num_new)
    other = neighbours[base, pick]
    x = points.astype(np.float64)
    return x[base] + gap[:, None] * (x[other] - x[base]), base, other, gap


@DATASETS.register_module()
class SMOTEDataset:
    """A long-tailed dataset topped up with SMOTE images, created once at
    construction (seeded) so that every epoch and rank sees the same set.

    Class c gets ``t_c - n_c`` synthetic images, ``t_c`` the over-sampling
    targets of :func:`~mmlt.datasets.resample_targets` (balanced by
    default). Neighbours (``k`` nearest, same class) are found in pixel
    space: the raw image arrays flattened, Euclidean distance, as in
    SMOTE's feature space for small images (MNIST, CIFAR); interpolated
    pixels are rounded to the images' dtype. The synthetic images go
    through the wrapped dataset's pipeline like real ones. The tutorial
    runs SMOTE with under-sampling of the majority: top up to a
    ``target_imb_factor`` and add ``RandomResampleSampler(mode='under')``,
    which sees the labels after SMOTE.

    Needs a dataset whose data infos hold the images under ``'img'``
    (mmlt's MNIST and CIFAR sets); indices beyond the real samples are the
    synthetic ones.

    Example:
        >>> train_dataloader = dict(dataset=dict(
        ...     type='SMOTEDataset', k=5,
        ...     dataset=dict(type='CIFAR100LT', ...)))

    Args:
        dataset (dict | Dataset): The long-tailed training set.
        target_imb_factor (float | str): Imbalance factor of the topped-up
            profile; 1 is balanced, ``'sqrt'`` the square root of the
            data's own ``n_max / n_min`` (halfway on a log scale, at every
            imbalance factor). Defaults to 1.
        k (int): Neighbours per sample. Defaults to 5 (Chawla et al.).
        seed (int): Seed of the bases, neighbours and gaps. Defaults to 0.
    """

    def __init__(self,
                 dataset: Union[dict, object],
                 target_imb_factor: Union[float, str] = 1.0,
                 k: int = 5,
                 seed: int = 0):
        if k < 1:
            raise ValueError(f'SMOTEDataset: `k` must be >= 1, got {k}.')
        self.dataset = (
            DATASETS.build(dataset) if isinstance(dataset, dict) else dataset)
        labels = np.asarray(self.dataset.get_gt_labels(), dtype=np.int64)
        counts = class_counts(labels, len(self.dataset.metainfo['classes']))
        if target_imb_factor == 'sqrt':
            target_imb_factor = float(np.sqrt(counts.max() / counts.min()))
        elif isinstance(target_imb_factor, str):
            raise ValueError('SMOTEDataset: `target_imb_factor` must be a '
                             f"number or 'sqrt', got {target_imb_factor!r}.")
        targets = resample_targets(counts, 'over', target_imb_factor)
        rng = np.random.default_rng(seed)
        first = first_image(self.dataset, 'SMOTEDataset', 'SMOTE interpolates')
        shape, dtype = first.shape, first.dtype
        images, new_labels = [], []
        for c, (count, target) in enumerate(zip(counts, targets)):
            if target == count:
                continue
            members = np.flatnonzero(labels == c)
            new = smote(
                flat_images(self.dataset, members), int(target - count), k,
                rng)[0]
            if np.issubdtype(dtype, np.integer):
                info = np.iinfo(dtype)
                new = np.clip(np.rint(new), info.min, info.max)
            images.append(new.astype(dtype).reshape(-1, *shape))
            new_labels.append(np.full(len(new), c, dtype=np.int64))
        self.synthetic_images = (
            np.concatenate(images) if images else np.empty((0, *shape), dtype))
        self.synthetic_labels = (
            np.concatenate(new_labels) if new_labels else np.empty(
                0, np.int64))

    @property
    def metainfo(self) -> dict:
        return self.dataset.metainfo

    @property
    def num_real(self) -> int:
        return len(self.dataset)

    def get_gt_labels(self) -> np.ndarray:
        return np.concatenate(
            [self.dataset.get_gt_labels(), self.synthetic_labels])

    def __len__(self) -> int:
        return self.num_real + len(self.synthetic_labels)

    def __getitem__(self, index: int) -> dict:
        if index < self.num_real:
            return self.dataset[index]
        j = index - self.num_real
        return self.dataset.pipeline(
            dict(
                img=self.synthetic_images[j].copy(),
                gt_label=int(self.synthetic_labels[j]),
                sample_idx=index))
