"""Class-aware sampling (Shen et al., ECCV 2016; Kang et al., ICLR 2020)."""
from typing import Optional

import numpy as np
import torch
from mmpretrain.registry import DATA_SAMPLERS

from .base import LTSampler


@DATA_SAMPLERS.register_module()
class ClassAwareSampler(LTSampler):
    """Round-robin over classes, ``num_samples_cls`` samples per visit.

    As classifier-balancing's ``ClassAwareSampler``: classes are visited in a
    random order that is reshuffled after each full pass; each visit takes the
    next ``num_samples_cls`` samples of the class from its own cyclic,
    reshuffled list. Every class is thus drawn equally often.

    Example:
        >>> train_dataloader = dict(
        ...     sampler=dict(type='ClassAwareSampler', num_samples_cls=4))

    Args:
        dataset: The training dataset.
        num_samples_cls (int): Consecutive samples per class visit.
        seed, num_samples: See :class:`LTSampler`. classifier-balancing used
            ``num_samples = max(n_c) * C``; the default keeps ``len(dataset)``.
    """

    def __init__(self,
                 dataset,
                 num_samples_cls: int = 1,
                 seed: Optional[int] = None,
                 num_samples: Optional[int] = None):
        if num_samples_cls < 1:
            raise ValueError('`num_samples_cls` must be >= 1, got '
                             f'{num_samples_cls}.')
        super().__init__(dataset, seed=seed, num_samples=num_samples)
        self.num_samples_cls = num_samples_cls

    def _global_indices(self, generator: torch.Generator) -> np.ndarray:
        rng = np.random.default_rng(
            int(torch.randint(2**31, (1, ), generator=generator)))
        num_classes = len(self.class_indices)
        pools = [rng.permutation(idx) for idx in self.class_indices]
        cursors = [0] * num_classes
        class_order, order_pos = rng.permutation(num_classes), 0
        out = np.empty(self.total_size, dtype=np.int64)
        filled = 0
        while filled < self.total_size:
            if order_pos == num_classes:
                class_order, order_pos = rng.permutation(num_classes), 0
            cls = class_order[order_pos]
            order_pos += 1
            for _ in range(
                    min(self.num_samples_cls, self.total_size - filled)):
                if cursors[cls] == len(pools[cls]):
                    pools[cls], cursors[cls] = rng.permutation(
                        self.class_indices[cls]), 0
                out[filled] = pools[cls][cursors[cls]]
                cursors[cls] += 1
                filled += 1
        return out
