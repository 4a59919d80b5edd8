"""Label-distribution-aware margin loss (Cao et al., NeurIPS 2019)."""
import torch
from mmpretrain.registry import MODELS

from .base import BaseLTLoss, as_soft


@MODELS.register_module()
class LDAMLoss(BaseLTLoss):
    """``CE(s * (z - m_y e_y), y)`` with ``m_c = C / n_c^(1/4)`` (Eq. 13),
    ``C`` chosen so that the largest margin is ``max_m``.

    Meant for cosine logits (:class:`~mmlt.models.NormedLinearClsHead`).
    Deferred re-weighting: ``class_weight='effective'`` with a
    :class:`~mmlt.engine.hooks.DRWHook`.

    Args:
        max_m (float): Largest margin (the rarest class). Defaults to 0.5.
        s (float): Logit scale. Defaults to 30.
    """

    def __init__(self, num_classes: int, max_m: float = 0.5,
                 s: float = 30.0, **kwargs):
        super().__init__(num_classes, **kwargs)
        self.max_m = max_m
        self.s = s

    def margins(self) -> torch.Tensor:
        margins = 1.0 / self.class_counts.float().clamp(min=1)**0.25
        return margins * (self.max_m / margins.max())

    def adjust_logits(self, logits: torch.Tensor,
                      target: torch.Tensor) -> torch.Tensor:
        self.check_class_counts()
        onehot = as_soft(target, logits.size(1))
        return self.s * (logits - onehot * self.margins().to(logits))
