"""Post-hoc classifier adjustments, applied at prediction time only.

Each adjuster maps ``(head, features)`` to logits using the head's linear
layer and class counts; :class:`~mmlt.models.LTLinearClsHead` calls it in
``predict`` when ``posthoc`` is set, so an adjustment can be switched on
for a trained checkpoint from the test config alone.
"""
from typing import Optional, Sequence

import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS


@MODELS.register_module()
class AdditiveLogitAdjust:
    """``z - tau * log pi`` (Menon et al., ICLR 2021, Eq. 9)."""

    def __init__(self, tau: float = 1.0):
        self.tau = tau

    def __call__(self, head, feats: torch.Tensor) -> torch.Tensor:
        return head.logits(feats) - self.tau * head.log_prior.to(feats)


@MODELS.register_module()
class MultiplicativeLogitAdjust:
    """Class weight vectors normalised, then scaled by ``n_c ** -gamma``
    (Kim & Kim, 2020): ``z_c = n_c^-gamma * (w_c / ||w_c||)^T f``.

    The bias is dropped: it is not part of a class weight vector, and next
    to normalised, rescaled weights an unscaled bias would decide alone.
    """

    def __init__(self, gamma: float = 1.0):
        self.gamma = gamma

    def __call__(self, head, feats: torch.Tensor) -> torch.Tensor:
        counts = head.class_counts.to(feats)
        weight = F.normalize(head.fc.weight, dim=1)
        return F.linear(feats, weight * counts[:, None]**-self.gamma)


@MODELS.register_module()
class TauNormalize:
    """tau-normalisation (Kang et al., ICLR 2020, Sec. 4.2):
    ``w_c / ||w_c||^tau``; the bias is kept."""

    def __init__(self, tau: float = 1.0):
        self.tau = tau

    def __call__(self, head, feats: torch.Tensor) -> torch.Tensor:
        weight = head.fc.weight
        norms = weight.norm(dim=1, keepdim=True)
        return F.linear(feats, weight / norms**self.tau, head.fc.bias)


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

    def __call__(self, head, feats: torch.Tensor) -> torch.Tensor:
        num_classes = head.num_classes
        if self.cost is None:
            counts = head.class_counts
            cost = (counts.max() / counts)[:, None].expand(
                num_classes, num_classes).clone()
            cost.fill_diagonal_(0)
        else:
            cost = self.cost
            if cost.shape != (num_classes, num_classes):
                raise ValueError(
                    f'ThresholdMoving: `cost` is {tuple(cost.shape)}, the '
                    f'head has {num_classes} classes.')
        move = cost.sum(1).to(feats)
        return F.log_softmax(head.logits(feats), dim=1) + torch.log(move)
