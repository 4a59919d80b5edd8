"""Shared machinery of the long-tailed samplers: labels, seed, DDP shards."""
from functools import cached_property
from typing import Iterator, List, Optional

import numpy as np
import torch
from mmengine.dist import get_dist_info, sync_random_seed
from torch.utils.data import Sampler

from mmlt.utils import derive_seed
from ..utils import check_labels, check_no_empty_class, class_counts


class LTSampler(Sampler):
    """Base of samplers that draw a global sequence and shard it by rank.

    Every rank draws the same global sequence of ``num_samples`` indices from
    a generator seeded with ``derive_seed(seed, epoch)`` (independent streams
    for every run seed and epoch); rank r then takes positions
    ``r, r + world_size, ...``. Subclasses implement :meth:`_global_indices`.

    Args:
        dataset: A dataset with ``get_gt_labels()`` and ``metainfo.classes``.
        seed (int, optional): Shared seed; a random one synchronised across
            ranks when None.
        num_samples (int, optional): Global samples per epoch. Defaults to
            :meth:`_default_num_samples`, ``len(dataset)``: an epoch has the
            usual number of iterations.
    """

    def __init__(self,
                 dataset,
                 seed: Optional[int] = None,
                 num_samples: Optional[int] = None):
        self.dataset = dataset
        self.rank, self.world_size = get_dist_info()
        self.seed = sync_random_seed() if seed is None else seed
        self.epoch = 0
        name = type(self).__name__
        self.labels = np.asarray(dataset.get_gt_labels(), dtype=np.int64)
        classes = dataset.metainfo['classes']
        check_labels(self.labels, len(classes), f'{name} over '
                     f'{type(dataset).__name__}')
        self.counts = class_counts(self.labels, len(classes))
        check_no_empty_class(self.counts, classes,
                             f'{name} over {type(dataset).__name__}')
        total = (
            self._default_num_samples()
            if num_samples is None else num_samples)
        self.num_samples_per_rank = -(-total // self.world_size)
        self.total_size = self.num_samples_per_rank * self.world_size

    @cached_property
    def class_indices(self) -> List[np.ndarray]:
        """The dataset indices of each class, in index order."""
        return [
            np.flatnonzero(self.labels == c) for c in range(len(self.counts))
        ]

    def _default_num_samples(self) -> int:
        return len(self.labels)

    def _global_indices(self, generator: torch.Generator) -> np.ndarray:
        """``total_size`` indices, identical on every rank."""
        raise NotImplementedError

    def __iter__(self) -> Iterator[int]:
        generator = torch.Generator().manual_seed(
            derive_seed(self.seed, self.epoch))
        indices = self._global_indices(generator)
        return iter(
            indices[self.rank:self.total_size:self.world_size].tolist())

    def __len__(self) -> int:
        return self.num_samples_per_rank

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch
