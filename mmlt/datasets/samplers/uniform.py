"""Instance-balanced sampling in epochs of a fixed length."""
import numpy as np
import torch
from mmpretrain.registry import DATA_SAMPLERS

from mmlt.utils import derive_seed
from .base import LTSampler


@DATA_SAMPLERS.register_module()
class UniformSampler(LTSampler):
    """Every sample equally often, in epochs of ``num_samples`` samples.

    The global sequence is an endless chain of passes over the dataset, each
    a new random permutation (pass p drawn from ``derive_seed(seed, p)``);
    epoch e is its e-th block of ``num_samples`` indices. With the default
    ``num_samples = len(dataset)`` this is mmengine's
    ``DefaultSampler(shuffle=True)``, one pass an epoch. A fixed
    ``num_samples`` gives epochs of the same number of iterations on
    training sets of any size, so that a schedule written in epochs is a
    budget in iterations (the MNIST5k-LT benchmark, ``docs/benchmark/``).

    Example:
        >>> # 15 iterations of 64 an epoch at every imbalance factor
        >>> train_dataloader = dict(
        ...     batch_size=64,
        ...     sampler=dict(type='UniformSampler', num_samples=960))

    Subclasses change what a pass is (:meth:`_pass`, of a fixed length
    :meth:`_default_num_samples`), e.g. :class:`RandomResampleSampler`.

    Args:
        seed, num_samples: See :class:`LTSampler`.
    """

    def _pass(self, generator: torch.Generator) -> np.ndarray:
        """One pass: every index once, in random order."""
        return torch.randperm(len(self.labels), generator=generator).numpy()

    def _global_indices(self, generator: torch.Generator) -> np.ndarray:
        size = self._default_num_samples()
        begin = self.epoch * self.total_size
        first, last = begin // size, (begin + self.total_size - 1) // size
        passes = [
            self._pass(torch.Generator().manual_seed(
                derive_seed(self.seed, p))) for p in range(first, last + 1)
        ]
        offset = begin - first * size
        return np.concatenate(passes)[offset:offset + self.total_size]
