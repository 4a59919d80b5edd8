"""Labeled and unlabeled streams of semi-supervised training, as one."""
from typing import Iterator, Optional, Tuple

from mmpretrain.registry import DATA_SAMPLERS
from torch.utils.data import Sampler

from mmlt.utils import derive_seed
from .uniform import UniformSampler


@DATA_SAMPLERS.register_module()
class SemiSupervisedSampler(Sampler):
    """Index pairs ``(i, (j_1, ..., j_mu))`` for
    :class:`~mmlt.datasets.SemiSupervisedDataset`: ``i`` from the labeled
    stream, ``mu`` unlabeled indices from the unlabeled stream (FixMatch's
    ratio ``mu``), both :class:`UniformSampler` chains of reshuffled
    passes, sharded by rank, the unlabeled one with its own derived seed.
    An epoch is ``num_samples`` labeled draws (default the labeled set's
    size) and ``mu`` times as many unlabeled ones.

    Args:
        dataset (SemiSupervisedDataset): Its ``dataset`` (labeled) and
            ``unlabeled`` sets.
        mu (int): Unlabeled samples per labeled one. Defaults to 7
            (FixMatch).
        seed (int, optional): Shared seed of both streams.
        num_samples (int, optional): Labeled samples per epoch.
    """

    UNLABELED_STREAM = 1

    def __init__(self,
                 dataset,
                 mu: int = 7,
                 seed: Optional[int] = None,
                 num_samples: Optional[int] = None):
        if mu < 1:
            raise ValueError(f'SemiSupervisedSampler: mu must be >= 1, got '
                             f'{mu}.')
        self.mu = mu
        self.labeled = UniformSampler(
            dataset, seed=seed, num_samples=num_samples)
        self.unlabeled = UniformSampler(
            dataset.unlabeled,
            seed=derive_seed(self.labeled.seed, self.UNLABELED_STREAM),
            num_samples=mu * self.labeled.total_size)

    def __iter__(self) -> Iterator[Tuple[int, Tuple[int, ...]]]:
        unlabeled = list(self.unlabeled)
        for n, i in enumerate(self.labeled):
            yield i, tuple(unlabeled[n * self.mu:(n + 1) * self.mu])

    def __len__(self) -> int:
        return len(self.labeled)

    def set_epoch(self, epoch: int) -> None:
        self.labeled.set_epoch(epoch)
        self.unlabeled.set_epoch(epoch)
