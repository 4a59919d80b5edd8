"""Additive and multiplicative logit adjustment in the loss."""
import torch
from mmpretrain.registry import MODELS

from .base import BaseLTLoss


@MODELS.register_module()
class VSLoss(BaseLTLoss):
    """Vector-scaling loss (Kini et al., NeurIPS 2021, Eq. 9).

    ``CE(Delta * z + iota, y)`` with ``Delta_c = (n_c / n_max) ** gamma``
    (multiplicative) and ``iota_c = tau * log pi_c`` (additive).

    The defaults are those of the authors' ``VSLoss`` (orparask/VS-Loss,
    ``class_imbalance/losses.py``: gamma 0.3, tau 1.0).

    Args:
        gamma (float): Power of the multiplicative term. Defaults to 0.3.
        tau (float): Scale of the additive term. Defaults to 1.0.
    """

    def __init__(self,
                 num_classes: int,
                 gamma: float = 0.3,
                 tau: float = 1.0,
                 **kwargs):
        super().__init__(num_classes, **kwargs)
        self.gamma = gamma
        self.tau = tau

    def adjust_logits(self, logits: torch.Tensor) -> torch.Tensor:
        self.check_class_counts()
        counts = self.class_counts.to(logits)  # float64 counts, cast
        if self.gamma:
            logits = logits * (counts / counts.max())**self.gamma
        return logits + self.tau * torch.log(counts / counts.sum())


@MODELS.register_module()
class LogitAdjustedLoss(VSLoss):
    """Logit-adjusted loss (Menon et al., ICLR 2021, Eq. 10):
    ``CE(z + tau * log pi, y)``; VS with ``gamma = 0``."""

    def __init__(self, num_classes: int, tau: float = 1.0, **kwargs):
        super().__init__(num_classes, gamma=0.0, tau=tau, **kwargs)


@MODELS.register_module()
class BalancedSoftmaxLoss(LogitAdjustedLoss):
    """Balanced softmax (Ren et al., NeurIPS 2020, Eq. 4):
    ``CE(z + log n, y)``, i.e. logit adjustment with ``tau = 1`` (``log n``
    and ``log pi`` differ by a constant the softmax ignores)."""

    def __init__(self, num_classes: int, **kwargs):
        super().__init__(num_classes, tau=1.0, **kwargs)
