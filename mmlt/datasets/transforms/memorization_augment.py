"""BCL's instance-wise augmentation, driven by memorization scores."""
from typing import List, Sequence

import numpy as np
import torch
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS


@TRANSFORMS.register_module()
class MemorizationAugment(BaseTransform):
    """``Psi(x_i) = a_1(x_i) o ... o a_k(x_i)`` (BCL, Zhou et al., ICML 2022;
    the tutorial's BCL slide): each ``a_j`` applies its operation ``A_j``
    with magnitude ``M_i zeta_j`` where ``u ~ U(0, 1) < M_i``, else leaves
    the image, ``M_i`` the image's memorization score (0 while none is
    known, i.e. no augmentation before the first scores).

    The operations are mmpretrain's magnitude transforms (``Rotate``,
    ``Shear``, ``Translate``, ``Brightness``, ...), each given with
    ``magnitude_range=(0, zeta_j)``. The scores live in a shared-memory
    table, one per image (by ``sample_idx``), that
    :class:`~mmlt.engine.hooks.MemorizationScoreHook` writes before each
    epoch; dataloader workers, forked after it is made, read it.

    Example:
        >>> view = [dict(type='MemorizationAugment', transforms=[
        ...     dict(type='Rotate', magnitude_range=(0, 30)),
        ...     dict(type='Shear', magnitude_range=(0, 0.3))])]

    Args:
        transforms (Sequence[dict]): The operations ``A_j``.
    """

    def __init__(self, transforms: Sequence[dict]):
        self.transforms: List = []
        for cfg in transforms:
            if 'magnitude_range' not in cfg:
                raise ValueError('MemorizationAugment: give every operation '
                                 f'a magnitude_range=(0, zeta): {cfg}.')
            self.transforms.append(
                TRANSFORMS.build(dict(cfg, prob=1.0, magnitude_std=0)))
        self.scores = torch.zeros(0).share_memory_()

    def set_scores(self, scores: torch.Tensor) -> None:
        """Write the scores of every image (the table grows once, before
        the workers that read it are forked)."""
        if len(scores) != len(self.scores):
            self.scores = torch.zeros(len(scores)).share_memory_()
        self.scores.copy_(scores)

    def transform(self, results: dict) -> dict:
        idx = results['sample_idx']
        score = float(self.scores[idx]) if idx < len(self.scores) else 0.0
        for op in self.transforms:
            if np.random.rand() < score:
                op.magnitude_level = score * op.total_level
                results = op(results)
        return results
