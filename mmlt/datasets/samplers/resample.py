"""Random over- and under-sampling to a target class profile."""
from functools import cached_property
from typing import Optional

import numpy as np
import torch
from mmpretrain.registry import DATA_SAMPLERS

from ..lt_profile import check_imb_factor
from .uniform import UniformSampler

RESAMPLE_MODES = ('over', 'under')


def resample_targets(counts: np.ndarray,
                     mode: str,
                     imb_factor: float = 1.0) -> np.ndarray:
    """Per-class sample counts ``t_c`` after random re-sampling.

    The target profile is exponential in the classes' rank by count (the
    largest first, ties by label): ``p_r = (1 / imb_factor) ** (r / (C - 1))``,
    1 for the largest class; ``imb_factor = 1`` is balanced.

    - ``'over'``: the profile is scaled to the largest class and no class
      loses samples: ``t_c = max(n_c, round(n_max * p_r(c)))``.
    - ``'under'``: the profile is scaled so that the smallest class keeps
      its ``n_min`` and no class gains: ``t_c = min(n_c,
      round(n_min * imb_factor * p_r(c)))``.

    Example:
        >>> resample_targets(np.array([100, 10, 1]), 'over')
        array([100, 100, 100])
        >>> resample_targets(np.array([100, 10, 1]), 'under', 4.)
        array([4, 2, 1])
    """
    if mode not in RESAMPLE_MODES:
        raise ValueError(
            f'mode must be one of {RESAMPLE_MODES}, got {mode!r}.')
    check_imb_factor(imb_factor)
    counts = np.asarray(counts, dtype=np.int64)
    num_classes = len(counts)
    rank = np.empty(num_classes, dtype=np.int64)
    rank[np.argsort(-counts, kind='stable')] = np.arange(num_classes)
    profile = (1.0 / imb_factor)**(rank / max(num_classes - 1, 1))
    if mode == 'over':
        return np.maximum(counts,
                          np.rint(counts.max() * profile)).astype(np.int64)
    scaled = np.rint(counts.min() * imb_factor * profile).astype(np.int64)
    return np.minimum(counts, np.maximum(scaled, 1))


@DATA_SAMPLERS.register_module()
class RandomResampleSampler(UniformSampler):
    """Random over-sampling (minority samples repeated) or under-sampling
    (majority samples dropped) to a target class profile, drawn anew every
    pass (the tutorial's re-sampling baselines; Buda et al. 2018).

    A pass holds ``t_c`` samples of class c (:func:`resample_targets`):
    over-sampling keeps every sample once and adds ``t_c - n_c`` drawn with
    replacement; under-sampling draws ``t_c`` without replacement; the pass
    is shuffled. An epoch is one pass by default, or ``num_samples``
    samples of the chain of passes (:class:`UniformSampler`). DDP-sharded
    like every :class:`~mmlt.datasets.LTSampler`.

    Example:
        >>> # under-sample to balanced, the majority dropped anew each epoch
        >>> train_dataloader = dict(sampler=dict(
        ...     type='RandomResampleSampler', mode='under'))

    Args:
        dataset: The training dataset.
        mode (str): ``'over'`` or ``'under'``.
        imb_factor (float): Imbalance factor of the target profile; 1 is
            balanced. Defaults to 1.
        seed, num_samples: See :class:`~mmlt.datasets.LTSampler`.
    """

    def __init__(self,
                 dataset,
                 mode: str,
                 imb_factor: float = 1.0,
                 seed: Optional[int] = None,
                 num_samples: Optional[int] = None):
        self.mode = mode
        self.imb_factor = imb_factor
        super().__init__(dataset, seed=seed, num_samples=num_samples)

    @cached_property
    def targets(self) -> np.ndarray:
        return resample_targets(self.counts, self.mode, self.imb_factor)

    def _default_num_samples(self) -> int:
        return int(self.targets.sum())

    def _pass(self, generator: torch.Generator) -> np.ndarray:
        parts = []
        for indices, target in zip(self.class_indices, self.targets):
            members = torch.from_numpy(indices)
            if self.mode == 'under':
                pick = torch.randperm(
                    len(members), generator=generator)[:target]
            else:
                extra = torch.randint(
                    len(members), (target - len(members), ),
                    generator=generator)
                pick = torch.cat([torch.arange(len(members)), extra])
            parts.append(members[pick])
        indices = torch.cat(parts)
        return indices[torch.randperm(len(indices),
                                      generator=generator)].numpy()
