"""Dot-regression loss for a fixed ETF classifier (Yang et al., NeurIPS
2022)."""
from typing import Optional

import torch
import torch.nn as nn
from mmpretrain.models.losses.utils import weight_reduce_loss
from mmpretrain.registry import MODELS

from .base import as_soft, check_reduction


@MODELS.register_module()
class DotRegressionLoss(nn.Module):
    """``L = 1 / (2 sqrt(E_W E_H)) * (w_y^T h - sqrt(E_W E_H))^2`` (Eq. 9)
    per sample; ``cls_score`` holds ``w_c^T h`` for every c.

    With the unit-norm rows of :func:`~mmlt.models.simplex_etf` and
    L2-normalised features (``ETFHead(feat_norm=True)``), ``E_W = E_H = 1``.
    ``weight``, ``avg_factor`` and ``reduction_override`` reduce the
    per-sample losses as mmpretrain's ``CrossEntropyLoss`` does.

    Args:
        e_w (float): Squared norm of the classifier vectors. Defaults to 1.
        e_h (float): Squared norm of the features. Defaults to 1.
        reduction (str): ``'mean'``, ``'sum'`` or ``'none'``. Defaults to
            ``'mean'``.
        loss_weight (float): Multiplier. Defaults to 1.
    """

    def __init__(self,
                 e_w: float = 1.0,
                 e_h: float = 1.0,
                 reduction: str = 'mean',
                 loss_weight: float = 1.0):
        super().__init__()
        check_reduction(reduction)
        self.scale = (e_w * e_h)**0.5
        self.reduction = reduction
        self.loss_weight = loss_weight

    def forward(self,
                cls_score: torch.Tensor,
                target: torch.Tensor,
                weight: Optional[torch.Tensor] = None,
                avg_factor: Optional[float] = None,
                reduction_override: Optional[str] = None,
                **kwargs) -> torch.Tensor:
        check_reduction(reduction_override)
        onehot = as_soft(target, cls_score.size(1))
        sq = (cls_score - self.scale)**2 / (2 * self.scale)
        if weight is not None:
            weight = weight.to(sq)
        return self.loss_weight * weight_reduce_loss(
            (onehot.to(sq) * sq).sum(1),
            weight=weight,
            reduction=reduction_override or self.reduction,
            avg_factor=avg_factor)
