"""Base of mmlt's classification losses: class counts and class weights."""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..utils import ClassCountsMixin
from .class_weights import CLASS_WEIGHTS, class_weights


def soft_cross_entropy(logits: torch.Tensor,
                       target: torch.Tensor,
                       weight: Optional[torch.Tensor] = None,
                       reduction: str = 'mean') -> torch.Tensor:
    """Cross-entropy for hard ``(N,)`` or soft ``(N, C)`` targets.

    With class weights the mean is normalised by the summed weights of the
    targets, as ``F.cross_entropy`` does for hard labels.
    """
    if target.ndim == 1:
        return F.cross_entropy(logits, target, weight=weight,
                               reduction=reduction)
    return soft_weighted_mean(-target * F.log_softmax(logits, dim=1),
                              target, weight, reduction)


def soft_weighted_mean(per_label: torch.Tensor,
                       target: torch.Tensor,
                       weight: Optional[torch.Tensor] = None,
                       reduction: str = 'mean') -> torch.Tensor:
    """``sum_c`` of the ``(N, C)`` target-weighted losses ``per_label`` per
    sample, times the sample weight ``t_i . w``; the mean divides by the
    summed sample weights."""
    loss = per_label.sum(1)
    sample_weight = (target @ weight if weight is not None else
                     torch.ones_like(loss))
    loss = loss * sample_weight
    if reduction == 'none':
        return loss
    return loss.sum() / sample_weight.sum()


def as_soft(target: torch.Tensor, num_classes: int) -> torch.Tensor:
    """One-hot ``(N, C)`` float targets from labels, soft targets as they are."""
    if target.ndim == 1:
        return F.one_hot(target, num_classes).float()
    return target


class BaseLTLoss(ClassCountsMixin, nn.Module):
    """Counts-aware loss: ``loss_weight * CE(adjust_logits(z), y; w)``.

    Subclasses change the logits (:meth:`adjust_logits`) or the reduction
    (:meth:`reduce`). ``class_weight`` selects per-class weights ``w`` from
    :func:`class_weights`; they are on from the start (class-balanced loss)
    unless a :class:`~mmlt.engine.hooks.DRWHook` switches them on later
    (deferred re-weighting) through :attr:`reweight`.

    Args:
        num_classes (int): Number of classes.
        class_weight (str, optional): ``'effective'`` or ``'inverse'``.
        beta (float): Beta of the effective number. Defaults to 0.9999.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
    """

    def __init__(self,
                 num_classes: int,
                 class_weight: Optional[str] = None,
                 beta: float = 0.9999,
                 loss_weight: float = 1.0):
        super().__init__()
        if class_weight is not None and class_weight not in CLASS_WEIGHTS:
            raise ValueError(f'Unknown `class_weight` {class_weight!r}; '
                             f'choose from {CLASS_WEIGHTS}.')
        self.num_classes = num_classes
        self.class_weight = class_weight
        self.beta = beta
        self.loss_weight = loss_weight
        self.reweight = class_weight is not None
        self.init_class_counts(num_classes)

    def weights(self) -> Optional[torch.Tensor]:
        if not self.reweight:
            return None
        self.check_class_counts()
        return class_weights(self.class_counts, self.class_weight, self.beta)

    def adjust_logits(self, logits: torch.Tensor,
                      target: torch.Tensor) -> torch.Tensor:
        return logits

    def reduce(self, logits: torch.Tensor, target: torch.Tensor,
               weight: Optional[torch.Tensor]) -> torch.Tensor:
        return soft_cross_entropy(logits, target, weight)

    def forward(self, cls_score: torch.Tensor, target: torch.Tensor,
                **kwargs) -> torch.Tensor:
        """``kwargs`` (mmpretrain's ``avg_factor`` ...) are not used: the
        mean is over the batch, weighted as in the cited papers' code."""
        logits = self.adjust_logits(cls_score, target)
        weight = self.weights()
        if weight is not None:
            weight = weight.to(cls_score.device)
        return self.loss_weight * self.reduce(logits, target, weight)
