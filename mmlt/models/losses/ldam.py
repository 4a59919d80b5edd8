"""Label-distribution-aware margin loss (Cao et al., NeurIPS 2019)."""
import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS

from .base import BaseLTLoss


@MODELS.register_module()
class LDAMLoss(BaseLTLoss):
    """``CE(s * (z - m_y e_y), y)`` with ``m_c = C / n_c^(1/4)`` (Eq. 13),
    ``C`` chosen so that the largest margin is ``max_m``.

    A soft target ``t`` (CutMix, CMO) gives the expected loss
    ``sum_c t_c CE(s * (z - m_c e_c), c)``, so a two-hot target
    ``lam e_a + (1 - lam) e_b`` is ``lam L(y_a) + (1 - lam) L(y_b)``.

    Meant for cosine logits (:class:`~mmlt.models.NormedLinearClsHead`).
    Deferred re-weighting: ``class_weight='effective'`` with a
    :class:`~mmlt.engine.hooks.DRWHook`.

    Args:
        max_m (float): Largest margin (the rarest class). Defaults to 0.5.
        s (float): Logit scale. Defaults to 30.
    """

    def __init__(self,
                 num_classes: int,
                 max_m: float = 0.5,
                 s: float = 30.0,
                 **kwargs):
        super().__init__(num_classes, **kwargs)
        self.max_m = max_m
        self.s = s

    def margins(self) -> torch.Tensor:
        margins = 1.0 / self.class_counts.float().clamp(min=1)**0.25
        return margins * (self.max_m / margins.max())

    def adjust_logits(self, logits: torch.Tensor,
                      target: torch.Tensor) -> torch.Tensor:
        self.check_class_counts()
        if target.ndim > 1:  # the margin depends on the label: see reduce
            return self.s * logits
        margin = F.one_hot(target, logits.size(1)) * self.margins().to(logits)
        return self.s * (logits - margin)

    def per_sample_loss(self, logits: torch.Tensor,
                        target: torch.Tensor) -> torch.Tensor:
        if target.ndim == 1:
            return super().per_sample_loss(logits, target)
        # -log softmax(x - sm_c e_c)_c for every candidate label c, where
        # log sum_k e^{x'_k} = lse(x) + log(1 - p_c + p_c e^{-sm_c}); in
        # float64, as 1 - p_c cancels when p_c is near 1
        x = logits.double()
        sm = self.s * self.margins().to(x)
        per_label = (
            sm - x + torch.logsumexp(x, 1, keepdim=True) +
            torch.log1p(x.softmax(1) * torch.expm1(-sm)))
        return (target * per_label.to(logits)).sum(1)
