"""Logit weight repulsion (LWR), a regulariser of classifier directions."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS


@MODELS.register_module()
class LWRLoss(nn.Module):
    """Repulsion between class weight directions ("Novel Regularization via
    Logit Weight Repulsion for Long-Tailed Classification", Eq. 5-6).

    With ``c_ij = cos(w_i, w_j)`` and ``s_ij = 1[c_ij > theta] c_ij / tau``::

        R = - sum_i log( exp(s_ii) / sum_j exp(s_ij) )

    **Reading of Eq. (5).** The numerator is the diagonal term ``j = i``
    (``c_ii = 1 > theta``, so ``s_ii = 1 / tau``): each class is its own
    positive and every other class whose direction is closer than ``theta``
    is a negative. The denominator runs over all j including i; pairs at or
    below the threshold enter it as ``exp(0) = 1`` and carry no gradient.
    The sum is over classes, not averaged. Because ``R`` depends on ``w``
    only through ``w / ||w||``, its gradient with respect to ``w_i`` is
    orthogonal to ``w_i`` (Eq. 4): it turns directions and leaves norms.

    With ``projector=True`` the cosines are taken between ``g(w_i)``, ``g``
    a trainable MLP ``d -> d -> d`` with ReLU (Sec. 3.3.2) and no biases:
    ``g`` is then positively homogeneous, ``g(a w) = a g(w)``, so the
    cosines depend on the directions of the class vectors only, as without
    it. With biases the term died: under the head's init (std 0.01, bias
    0) the projected vectors have norm ~1e-3, R's gradient through the
    normalisation scales as ``1 / ||g||``, and the first steps drive the
    shared bias so far that it dominates every class: on MNIST5k-LT R was
    ``C log C = 23.026`` (every cosine 1) from the first logged iteration to
    the last.

    ``loss_weight`` is lambda; :class:`~mmlt.engine.hooks.LWRScheduleHook`
    multiplies it by ``(1 - t/T)^2`` at epoch t of T (Eq. 7).

    Args:
        in_channels (int): Dimension d of the weight vectors.
        theta (float): Cosine threshold. Defaults to 0.4.
        tau (float): Temperature. Defaults to 0.1.
        projector (bool): Repel projected weights. Defaults to False.
        loss_weight (float): lambda. Defaults to 1.0.
    """
    name = 'lwr'

    def __init__(self,
                 in_channels: int,
                 theta: float = 0.4,
                 tau: float = 0.1,
                 projector: bool = False,
                 loss_weight: float = 1.0):
        super().__init__()
        self.theta = theta
        self.tau = tau
        self.loss_weight = loss_weight
        self.schedule_factor = 1.0
        self.projector = nn.Sequential(
            nn.Linear(in_channels, in_channels, bias=False),
            nn.ReLU(inplace=True),
            nn.Linear(in_channels, in_channels, bias=False),
        ) if projector else None

    @staticmethod
    def repulsion(weight: torch.Tensor, theta: float,
                  tau: float) -> torch.Tensor:
        """``R`` of Eq. (5), indicator of Eq. (6), for ``(C, d)`` weights."""
        unit = F.normalize(weight, dim=1)
        cos = unit @ unit.t()
        logits = torch.where(cos > theta, cos, torch.zeros_like(cos)) / tau
        return -torch.diagonal(F.log_softmax(logits, dim=1)).sum()

    def repelled(self, weight: torch.Tensor) -> torch.Tensor:
        """The vectors whose cosines R takes: ``g(w)`` with the projector,
        else the class weight vectors themselves."""
        return weight if self.projector is None else self.projector(weight)

    def forward(self, weight: torch.Tensor) -> torch.Tensor:
        factor = self.loss_weight * self.schedule_factor
        return factor * self.repulsion(
            self.repelled(weight), self.theta, self.tau)
