"""Samplers drawing classes with ``p_c`` from the class counts."""
from typing import Optional

import numpy as np
import torch
from mmpretrain.registry import DATA_SAMPLERS

from .base import LTSampler


class ClassWeightedSampler(LTSampler):
    """Draw samples with replacement so that class c has probability ``p_c``.

    Each sample of class c gets weight ``p_c / n_c``; subclasses give ``p_c``
    through :meth:`class_probs`.
    """

    def class_probs(self) -> np.ndarray:
        raise NotImplementedError

    def _global_indices(self, generator: torch.Generator) -> np.ndarray:
        probs = self.class_probs()
        weights = torch.as_tensor(probs / self.counts)[self.labels]
        return torch.multinomial(
            weights, self.total_size, replacement=True,
            generator=generator).numpy()


@DATA_SAMPLERS.register_module()
class SquareRootSampler(ClassWeightedSampler):
    """``p_c = n_c^q / sum_k n_k^q`` with ``q = 1/2`` (Mahajan et al. 2018).

    Args:
        q (float): The power; 1 is instance-balanced, 0 class-balanced.
    """

    def __init__(self,
                 dataset,
                 q: float = 0.5,
                 seed: Optional[int] = None,
                 num_samples: Optional[int] = None):
        super().__init__(dataset, seed=seed, num_samples=num_samples)
        self.q = q

    @staticmethod
    def power_probs(counts: np.ndarray, q: float) -> np.ndarray:
        """``p_c = n_c^q / sum_k n_k^q``."""
        powered = np.asarray(counts, dtype=np.float64)**q
        return powered / powered.sum()

    def class_probs(self) -> np.ndarray:
        return self.power_probs(self.counts, self.q)


@DATA_SAMPLERS.register_module()
class ProgressiveSampler(ClassWeightedSampler):
    """Instance-balanced to class-balanced over training (Kang et al. 2020).

    ``p_c(t) = (1 - t/T) * n_c / N + (t/T) / C`` at epoch t of T; ``set_epoch``
    (called by mmengine's ``DistSamplerSeedHook``) moves t.

    Args:
        total_epochs (int): T, the number of training epochs.
    """

    def __init__(self,
                 dataset,
                 total_epochs: int,
                 seed: Optional[int] = None,
                 num_samples: Optional[int] = None):
        if total_epochs < 1:
            raise ValueError(f'`total_epochs` must be >= 1, got '
                             f'{total_epochs}.')
        super().__init__(dataset, seed=seed, num_samples=num_samples)
        self.total_epochs = total_epochs

    @staticmethod
    def progressive_probs(counts: np.ndarray, epoch: int,
                          total_epochs: int) -> np.ndarray:
        """``(1 - t/T) * n_c / N + (t/T) / C``, t clipped to [0, T]."""
        counts = np.asarray(counts, dtype=np.float64)
        t = min(max(epoch, 0), total_epochs) / total_epochs
        return (1 - t) * counts / counts.sum() + t / len(counts)

    def class_probs(self) -> np.ndarray:
        return self.progressive_probs(self.counts, self.epoch,
                                      self.total_epochs)


@DATA_SAMPLERS.register_module()
class InverseFrequencySampler(ClassWeightedSampler):
    """Every sample of class c weighs ``1 / n_c^alpha`` (CMO's minority
    stream, Park et al., CVPR 2022, Sec. 3.2), drawn with replacement, so
    ``p_c = n_c^(1 - alpha) / sum_k n_k^(1 - alpha)``; ``alpha = 1`` draws
    classes uniformly.

    Args:
        alpha (float): The power of the inverse class count.
    """

    def __init__(self,
                 dataset,
                 alpha: float = 1.0,
                 seed: Optional[int] = None,
                 num_samples: Optional[int] = None):
        super().__init__(dataset, seed=seed, num_samples=num_samples)
        self.alpha = alpha

    def class_probs(self) -> np.ndarray:
        return SquareRootSampler.power_probs(self.counts, 1 - self.alpha)
