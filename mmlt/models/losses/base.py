"""Base of mmlt's classification losses: class counts, class weights and the
class-weighted mean."""
from typing import Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.models.losses.utils import weight_reduce_loss

from ..utils import ClassCountsMixin
from .class_weights import CLASS_WEIGHTS, class_weights

REDUCTIONS = ('none', 'mean', 'sum')
#: What the class-weighted mean divides by (see :class:`BaseLTLoss`).
CLASS_WEIGHT_NORMS = ('weights', 'batch')


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


def expected_loss(per_label: torch.Tensor,
                  target: torch.Tensor) -> torch.Tensor:
    """``(N, )`` losses from the ``(N, C)`` loss of every label: the label's
    for ``(N, )`` labels, the expectation ``sum_c t_c l_c`` for ``(N, C)``
    soft targets."""
    if target.ndim == 1:
        return per_label.gather(1, target[:, None]).squeeze(1)
    return (target.to(per_label) * per_label).sum(1)


def two_label_mixture(
        target: torch.Tensor) -> Tuple[float, torch.Tensor, torch.Tensor]:
    """``(lam, y_a, y_b)`` such that every row of the ``(N, C)`` soft target
    is ``lam e_{y_a} + (1 - lam) e_{y_b}`` with one ``lam >= 1/2`` for the
    batch, as Mixup, CutMix and CMO make them (a row with one label has
    ``y_a = y_b``); a ``ValueError`` for any other soft target.

    ``lam`` and ``1 - lam`` are interchangeable in
    ``lam L(y_a) + (1 - lam) L(y_b)``; only at ``lam = 1/2`` exactly are the
    two labels of a row assigned to ``y_a`` / ``y_b`` by ``topk``'s order
    rather than by the stream they came from.
    """
    values, labels = target.topk(2, dim=1)
    mixed = values[:, 1] > 0
    lam = float(values[mixed, 0][0]) if mixed.any() else 1.0
    y_a = labels[:, 0]
    y_b = torch.where(mixed, labels[:, 1], y_a)
    num_classes = target.size(1)
    rebuilt = lam * F.one_hot(y_a, num_classes) + (1 - lam) * F.one_hot(
        y_b, num_classes)
    if not torch.allclose(rebuilt.to(target), target, atol=1e-6):
        raise ValueError(
            'The class-weighted mean (class_weight_norm=\'weights\') reads a '
            'soft target as lam L(y_a) + (1 - lam) L(y_b) with one lam per '
            'batch (Mixup, CutMix, CMO); this target is not of that form. '
            "Use class_weight_norm='batch', whose mean is linear in the "
            'target.')
    return lam, y_a, y_b


class BaseLTLoss(ClassCountsMixin, nn.Module):
    """Counts-aware loss: the mean over the batch of ``l_i = w_{y_i}
    l(z_i, y_i)``, the class weight of the label times its loss.

    Subclasses give the loss of every label, :meth:`per_label_loss`, an
    ``(N, C)`` matrix of ``w_c l(z_i, c)`` (default: softmax cross-entropy
    of :meth:`adjust_logits`); a soft target ``t_i`` takes its expectation
    ``sum_c t_ic w_c l(z_i, c)``, so a two-label target
    ``lam e_a + (1 - lam) e_b`` has the loss ``lam w_a l_a + (1 - lam) w_b
    l_b`` (no cross terms). ``class_weight`` selects per-class weights
    ``w`` from :func:`class_weights`; they are on from the start
    (class-balanced loss) unless a :class:`~mmlt.engine.hooks.DRWHook`
    switches them on later (deferred re-weighting) through :attr:`reweight`.

    ``forward`` takes mmpretrain's ``weight``, ``avg_factor`` and
    ``reduction_override``. With ``s_i`` the sample weight (default 1) and
    ``A`` the ``avg_factor`` (default N), ``'none'`` gives ``s_i l_i``,
    ``'sum'`` their sum and ``'mean'`` with ``class_weight_norm``:

    - ``'weights'``: ``sum_i s_i l_i / (A * mean_i w_{y_i})``, with ``s = 1``
      and ``A = N`` (what mmpretrain's heads pass) the weighted mean
      ``sum_i w_{y_i} l_i / sum_i w_{y_i}`` of ``F.cross_entropy(weight=w)``
      that LDAM-DRW's code (Cao et al., NeurIPS 2019) trains with. A soft
      target is read as ``lam L(y_a) + (1 - lam) L(y_b)``, each of the two
      means divided by its own labels' weights, as CMO's code (Park et al.,
      CVPR 2022) computes it (:func:`two_label_mixture`).
    - ``'batch'``: ``sum_i s_i l_i / A``, the batch mean of Cui et al.'s code
      (CVPR 2019; TensorFlow's ``softmax_cross_entropy(weights=w_y)``) and
      of mmpretrain's ``CrossEntropyLoss(class_weight=...)``; linear in the
      target, so any soft target works.

    On a long-tailed batch ``mean_i w_{y_i}`` is well below 1, so
    ``'weights'`` gives a loss (and gradients) several times larger than
    ``'batch'``. Without class weights both are the plain mean.

    The loss is computed in the dtype of the logits (float64 included):
    class weights, priors and margins are cast from the float64 counts.

    Args:
        num_classes (int): Number of classes.
        class_weight (str, optional): ``'effective'`` or ``'inverse'``.
        beta (float): Beta of the effective number. Defaults to 0.9999.
        class_weight_norm (str): ``'weights'`` or ``'batch'``, see above.
            Defaults to ``'weights'`` (LDAM-DRW's; subclasses whose reference
            divides by N default to ``'batch'``).
        reduction (str): ``'mean'``, ``'sum'`` or ``'none'``. Defaults to
            ``'mean'``.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
    """

    def __init__(self,
                 num_classes: int,
                 class_weight: Optional[str] = None,
                 beta: float = 0.9999,
                 class_weight_norm: str = 'weights',
                 reduction: str = 'mean',
                 loss_weight: float = 1.0):
        super().__init__()
        if class_weight is not None and class_weight not in CLASS_WEIGHTS:
            raise ValueError(f'Unknown `class_weight` {class_weight!r}; '
                             f'choose from {CLASS_WEIGHTS}.')
        if class_weight_norm not in CLASS_WEIGHT_NORMS:
            raise ValueError(
                f'Unknown `class_weight_norm` {class_weight_norm!r}; choose '
                f'from {CLASS_WEIGHT_NORMS}.')
        check_reduction(reduction)
        self.num_classes = num_classes
        self.class_weight = class_weight
        self.beta = beta
        self.class_weight_norm = class_weight_norm
        self.reduction = reduction
        self.loss_weight = loss_weight
        self.reweight = class_weight is not None
        self.init_class_counts(num_classes)

    def weights(self, like: torch.Tensor) -> Optional[torch.Tensor]:
        """The ``(C, )`` class weights in the dtype and device of ``like``;
        None while they are off."""
        if not self.reweight:
            return None
        self.check_class_counts()
        return class_weights(self.class_counts, self.class_weight,
                             self.beta).to(like)

    def adjust_logits(self, logits: torch.Tensor) -> torch.Tensor:
        """The logits the default :meth:`per_label_loss` takes the softmax
        cross-entropy of."""
        return logits

    def per_label_loss(self, logits: torch.Tensor,
                       class_weight: Optional[torch.Tensor]) -> torch.Tensor:
        """``(N, C)``: ``w_c l(z_i, c)``, the class-weighted loss sample i
        would have with label c (``w = 1`` when ``class_weight`` is None)."""
        loss = -F.log_softmax(self.adjust_logits(logits), dim=1)
        return loss if class_weight is None else loss * class_weight

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
        class_weight = self.weights(cls_score)
        per_label = self.per_label_loss(cls_score, class_weight)
        if weight is not None:
            weight = weight.to(per_label)
        if (class_weight is None or reduction != 'mean'
                or self.class_weight_norm == 'batch'):
            return self._reduce(
                expected_loss(per_label, target), weight, reduction,
                avg_factor)
        if target.ndim == 1:
            return self._weighted_mean(per_label, target, class_weight, weight,
                                       avg_factor)
        lam, y_a, y_b = two_label_mixture(target)
        return lam * self._weighted_mean(
            per_label, y_a, class_weight, weight,
            avg_factor) + (1 - lam) * self._weighted_mean(
                per_label, y_b, class_weight, weight, avg_factor)

    def _weighted_mean(self, per_label: torch.Tensor, labels: torch.Tensor,
                       class_weight: torch.Tensor,
                       weight: Optional[torch.Tensor],
                       avg_factor: Optional[float]) -> torch.Tensor:
        """``sum_i s_i l_i / (A * mean_i w_{y_i})`` for hard ``labels``."""
        scale = 1.0 if avg_factor is None else avg_factor / len(labels)
        return self._reduce(
            expected_loss(per_label, labels), weight, 'mean',
            class_weight[labels].sum() * scale)

    def _reduce(self, loss: torch.Tensor, weight: Optional[torch.Tensor],
                reduction: str, avg_factor) -> torch.Tensor:
        return self.loss_weight * weight_reduce_loss(
            loss, weight=weight, reduction=reduction, avg_factor=avg_factor)
