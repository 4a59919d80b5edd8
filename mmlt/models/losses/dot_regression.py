"""Dot-regression loss for a fixed ETF classifier (Yang et al., NeurIPS 2022)."""
import torch
import torch.nn as nn
from mmpretrain.registry import MODELS

from .base import as_soft


@MODELS.register_module()
class DotRegressionLoss(nn.Module):
    """``L = 1 / (2 sqrt(E_W E_H)) * (w_y^T h - sqrt(E_W E_H))^2`` (Eq. 9),
    averaged over the batch; ``cls_score`` holds ``w_c^T h`` for every c.

    With the unit-norm rows of :func:`~mmlt.models.simplex_etf` and
    L2-normalised features (``ETFHead(feat_norm=True)``), ``E_W = E_H = 1``.

    Args:
        e_w (float): Squared norm of the classifier vectors. Defaults to 1.
        e_h (float): Squared norm of the features. Defaults to 1.
        loss_weight (float): Multiplier. Defaults to 1.
    """

    def __init__(self, e_w: float = 1.0, e_h: float = 1.0,
                 loss_weight: float = 1.0):
        super().__init__()
        self.scale = (e_w * e_h)**0.5
        self.loss_weight = loss_weight

    def forward(self, cls_score: torch.Tensor, target: torch.Tensor,
                **kwargs) -> torch.Tensor:
        onehot = as_soft(target, cls_score.size(1))
        sq = (cls_score - self.scale)**2 / (2 * self.scale)
        return self.loss_weight * (onehot * sq).sum(1).mean()
