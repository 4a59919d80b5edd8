"""Base of mmlt's classification losses: class counts and class weights."""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.models.losses.utils import weight_reduce_loss

from ..utils import ClassCountsMixin
from .class_weights import CLASS_WEIGHTS, class_weights

REDUCTIONS = ('none', 'mean', 'sum')


def soft_cross_entropy(logits: torch.Tensor,
                       target: torch.Tensor) -> torch.Tensor:
    """Per-sample ``(N, )`` cross-entropy of hard ``(N, )`` or soft
    ``(N, C)`` targets."""
    if target.ndim == 1:
        return F.cross_entropy(logits, target, reduction='none')
    return (-target * F.log_softmax(logits, dim=1)).sum(1)


def as_soft(target: torch.Tensor, num_classes: int) -> torch.Tensor:
    """One-hot ``(N, C)`` float targets from labels; soft targets as they
    are."""
    if target.ndim == 1:
        return F.one_hot(target, num_classes).float()
    return target


def check_reduction(reduction: Optional[str]) -> None:
    """Raise unless ``reduction`` is one of :data:`REDUCTIONS` or None."""
    if reduction is not None and reduction not in REDUCTIONS:
        raise ValueError(f'Unknown reduction {reduction!r}; choose from '
                         f'{REDUCTIONS}.')


class BaseLTLoss(ClassCountsMixin, nn.Module):
    """Counts-aware loss: ``loss_weight * CE(adjust_logits(z), y; w)``.

    Subclasses change the logits (:meth:`adjust_logits`) or the loss of
    each sample (:meth:`per_sample_loss`). ``class_weight`` selects
    per-class weights ``w`` from :func:`class_weights`; they are on from the
    start (class-balanced loss) unless a
    :class:`~mmlt.engine.hooks.DRWHook` switches them on later (deferred
    re-weighting) through :attr:`reweight`.

    ``forward`` takes mmpretrain's ``weight``, ``avg_factor`` and
    ``reduction_override``. With ``l_i`` the loss of sample i, ``c_i = t_i
    . w`` the class weight of its target (1 without class weights), ``s_i``
    its ``weight`` (default 1) and ``A`` the ``avg_factor`` (default N),
    ``'none'`` gives ``s_i c_i l_i``, ``'sum'`` their sum, and ``'mean'``::

        sum_i s_i c_i l_i / (A * mean_i c_i)   if class_weighted_mean
        sum_i s_i c_i l_i / A                  otherwise

    so that with ``s = 1`` and ``A = N`` (what mmpretrain's heads pass) the
    class-weighted mean is the weighted mean ``sum c_i l_i / sum c_i`` of
    ``F.cross_entropy(weight=w)``, as in LDAM-DRW's code (Cao et al.,
    NeurIPS 2019).

    Args:
        num_classes (int): Number of classes.
        class_weight (str, optional): ``'effective'`` or ``'inverse'``.
        beta (float): Beta of the effective number. Defaults to 0.9999.
        reduction (str): ``'mean'``, ``'sum'`` or ``'none'``. Defaults to
            ``'mean'``.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
    """
    #: Whether the mean divides by the class weights of the targets too.
    class_weighted_mean = True

    def __init__(self,
                 num_classes: int,
                 class_weight: Optional[str] = None,
                 beta: float = 0.9999,
                 reduction: str = 'mean',
                 loss_weight: float = 1.0):
        super().__init__()
        if class_weight is not None and class_weight not in CLASS_WEIGHTS:
            raise ValueError(f'Unknown `class_weight` {class_weight!r}; '
                             f'choose from {CLASS_WEIGHTS}.')
        check_reduction(reduction)
        self.num_classes = num_classes
        self.class_weight = class_weight
        self.beta = beta
        self.reduction = reduction
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

    def per_sample_loss(self, logits: torch.Tensor,
                        target: torch.Tensor) -> torch.Tensor:
        """``(N, )`` losses of the adjusted logits, without class weights."""
        return soft_cross_entropy(logits, target)

    def forward(self,
                cls_score: torch.Tensor,
                target: torch.Tensor,
                weight: Optional[torch.Tensor] = None,
                avg_factor: Optional[float] = None,
                reduction_override: Optional[str] = None,
                **kwargs) -> torch.Tensor:
        """The loss of ``(N, C)`` scores for ``(N, )`` labels or ``(N, C)``
        soft targets.

        Args:
            cls_score (torch.Tensor): The head's logits.
            target (torch.Tensor): Labels or soft targets.
            weight (torch.Tensor, optional): ``(N, )`` sample weights.
            avg_factor (float, optional): The count the mean divides by
                in place of N (see the class docstring).
            reduction_override (str, optional): Replaces ``reduction``.
            **kwargs: Not used; mmpretrain's heads may pass more.

        Returns:
            torch.Tensor: The reduced loss, ``(N, )`` for ``'none'``.
        """
        check_reduction(reduction_override)
        reduction = reduction_override or self.reduction
        loss = self.per_sample_loss(
            self.adjust_logits(cls_score, target), target)
        class_weight = self.weights()
        if class_weight is not None:
            targets = as_soft(target, len(class_weight))
            class_weight = targets @ class_weight.to(loss)  # c_i = t_i . w
            loss = loss * class_weight
            if self.class_weighted_mean and reduction == 'mean':
                scale = 1.0 if avg_factor is None else avg_factor / len(loss)
                avg_factor = class_weight.sum() * scale
        if weight is not None:
            weight = weight.float()
        return self.loss_weight * weight_reduce_loss(
            loss, weight=weight, reduction=reduction, avg_factor=avg_factor)
