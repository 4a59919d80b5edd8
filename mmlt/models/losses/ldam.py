"""Label-distribution-aware margin loss (Cao et al., NeurIPS 2019)."""
from typing import Optional

import torch
from mmpretrain.registry import MODELS

from .base import BaseLTLoss


@MODELS.register_module()
class LDAMLoss(BaseLTLoss):
    """``CE(s * (z - m_y e_y), y)`` with ``m_c = C / n_c^(1/4)`` (Eq. 13),
    ``C`` chosen so that the largest margin is ``max_m``.

    The margin depends on the label, so a soft target ``t`` (CutMix, CMO)
    gives ``sum_c t_c CE(s * (z - m_c e_c), c)``: a two-label target is
    ``lam L(y_a) + (1 - lam) L(y_b)`` (CMO's code, Park et al., CVPR 2022).

    Meant for cosine logits (:class:`~mmlt.models.NormedLinearClsHead`).
    Deferred re-weighting: ``class_weight='effective'`` with a
    :class:`~mmlt.engine.hooks.DRWHook`; the class-weighted mean divides by
    the batch's weights (``class_weight_norm='weights'``), as LDAM-DRW's
    ``F.cross_entropy(weight=...)``.

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
        """The ``(C, )`` margins ``m_c``, float64."""
        margins = self.class_counts.clamp(min=1)**-0.25
        return margins * (self.max_m / margins.max())

    def per_label_loss(self, logits: torch.Tensor,
                       class_weight: Optional[torch.Tensor]) -> torch.Tensor:
        # -log softmax(x - sm_c e_c)_c with x = s z for every label c, where
        # log sum_k e^{x'_k} = lse(x) + log(1 - p_c + p_c e^{-sm_c}); in
        # float64, as 1 - p_c cancels when p_c is near 1
        self.check_class_counts()
        x = self.s * logits.double()
        sm = self.s * self.margins().to(x)
        loss = (sm - x + torch.logsumexp(x, 1, keepdim=True) +
                torch.log1p(x.softmax(1) * torch.expm1(-sm))).to(logits)
        return loss if class_weight is None else loss * class_weight
