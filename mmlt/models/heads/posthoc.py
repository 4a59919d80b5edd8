"""Post-hoc classifier adjustments, applied at prediction time only.

An adjuster is called with one :class:`PosthocInputs`, what it may read of
the head, and returns the adjusted ``(N, C)`` scores:

- ``feats``: the ``(N, d)`` features (the head's ``pre_logits``);
- ``logits``: the head's ``(N, C)`` logits of ``feats``;
- ``weight``, ``bias``: the classifier's ``(C, d)`` class weight vectors and
  ``(C, )`` bias (``None`` for a head without one);
- ``class_counts``: the ``(C, )`` float64 training counts ``n_c``;
- ``log_prior``: ``log pi_c = log(n_c / N)``, float32.

:class:`~mmlt.models.LTLinearClsHead` builds it
(:meth:`~mmlt.models.LTLinearClsHead.posthoc_inputs`) and applies its
``posthoc`` adjuster in ``forward`` in eval mode, so ``predict`` and the
tensor mode agree and an adjustment can be switched on for a trained
checkpoint from the test config alone. To adjust features outside a
model, e.g. to search a parameter::

    inputs = head.posthoc_inputs(feats)
    scores = MODELS.build(dict(type='AdditiveLogitAdjust', tau=0.5))(inputs)
"""
from typing import NamedTuple, Optional, Sequence

import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS


class PosthocInputs(NamedTuple):
    """What a post-hoc adjuster reads of a head (see the module docstring).

    Args:
        feats (torch.Tensor): ``(N, d)`` features.
        logits (torch.Tensor): ``(N, C)`` logits of ``feats``.
        weight (torch.Tensor): ``(C, d)`` class weight vectors.
        bias (torch.Tensor, optional): ``(C, )`` bias of the classifier.
        class_counts (torch.Tensor): ``(C, )`` training counts, float64.
        log_prior (torch.Tensor): ``(C, )`` log class prior, float32.
    """
    feats: torch.Tensor
    logits: torch.Tensor
    weight: torch.Tensor
    bias: Optional[torch.Tensor]
    class_counts: torch.Tensor
    log_prior: torch.Tensor


@MODELS.register_module()
class AdditiveLogitAdjust:
    """``z - tau * log pi`` (Menon et al., ICLR 2021, Eq. 9)."""

    def __init__(self, tau: float = 1.0):
        self.tau = tau

    def __call__(self, inputs: PosthocInputs) -> torch.Tensor:
        return inputs.logits - self.tau * inputs.log_prior.to(inputs.logits)


@MODELS.register_module()
class MultiplicativeLogitAdjust:
    """Class weight vectors normalised, then scaled by ``n_c ** -gamma``
    (Kim & Kim, 2020): ``z_c = n_c^-gamma * (w_c / ||w_c||)^T f``.

    The bias is dropped: it is not part of a class weight vector, and next
    to normalised, rescaled weights an unscaled bias would decide alone.
    """

    def __init__(self, gamma: float = 1.0):
        self.gamma = gamma

    def __call__(self, inputs: PosthocInputs) -> torch.Tensor:
        counts = inputs.class_counts.to(inputs.feats)
        weight = F.normalize(inputs.weight, dim=1)
        return F.linear(inputs.feats, weight * counts[:, None]**-self.gamma)


@MODELS.register_module()
class TauNormalize:
    """tau-normalisation (Kang et al., ICLR 2020, Sec. 4.2):
    ``w_c / ||w_c||^tau``; the bias is kept."""

    def __init__(self, tau: float = 1.0):
        self.tau = tau

    def __call__(self, inputs: PosthocInputs) -> torch.Tensor:
        norms = inputs.weight.norm(dim=1, keepdim=True)
        return F.linear(inputs.feats, inputs.weight / norms**self.tau,
                        inputs.bias)


@MODELS.register_module()
class ThresholdMoving:
    """Threshold moving (Zhou & Liu, TKDE 2006): ``p*_i ∝ p_i sum_j
    cost[i, j]``, returned as ``log p*`` so that the head's softmax gives
    the moved, renormalised probabilities.

    Args:
        cost (Sequence[Sequence[float]], optional): ``cost[i][j]``, the cost
            of predicting j for a sample of class i. Defaults to
            ``n_max / n_i`` off the diagonal and 0 on it, which makes the
            rule ``p*_i ∝ p_i / n_i``.
    """

    def __init__(self, cost: Optional[Sequence[Sequence[float]]] = None):
        self.cost = None if cost is None else torch.as_tensor(
            cost, dtype=torch.float64)

    def __call__(self, inputs: PosthocInputs) -> torch.Tensor:
        counts = inputs.class_counts
        num_classes = counts.numel()
        if self.cost is None:
            cost = (counts.max() / counts)[:, None].expand(
                num_classes, num_classes).clone()
            cost.fill_diagonal_(0)
        else:
            cost = self.cost
            if cost.shape != (num_classes, num_classes):
                raise ValueError(
                    f'ThresholdMoving: `cost` is {tuple(cost.shape)}, the '
                    f'head has {num_classes} classes.')
        move = cost.sum(1).to(inputs.logits)
        return F.log_softmax(inputs.logits, dim=1) + torch.log(move)
