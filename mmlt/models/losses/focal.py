"""Softmax focal loss (Lin et al., ICCV 2017, Eq. 4 on the softmax)."""
from typing import Optional

import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS

from .base import BaseLTLoss


@MODELS.register_module()
class SoftmaxFocalLoss(BaseLTLoss):
    """``mean_i (1 - p_i)^gamma CE_i`` with ``p_i = exp(-CE_i)`` the softmax
    probability of the target, the softmax form of LDAM-DRW's code
    (Cao et al., NeurIPS 2019, ``losses.py``; gamma 1 there).

    mmpretrain's ``FocalLoss`` is the sigmoid form; Cui et al.'s
    class-balanced focal loss is the sigmoid one too
    (:class:`SigmoidFocalLoss`). With class weights ``w`` (e.g.
    ``class_weight='effective'``, or a :class:`~mmlt.engine.hooks.DRWHook`):

    - ``weight_in_ce=True`` (default): LDAM-DRW's ``FocalLoss(weight=w)``,
      the weight scales the cross-entropy before the modulator:
      ``(1 - exp(-w_y CE))^gamma w_y CE``;
    - ``weight_in_ce=False``: the weight multiplies the focal term,
      ``w_y (1 - p)^gamma CE``.

    Both references average over the batch (N), hence
    ``class_weight_norm='batch'`` by default.

    Args:
        gamma (float): Focusing parameter. Defaults to 1.0.
        weight_in_ce (bool): Where the class weight goes, see above.
            Defaults to True.
        class_weight_norm (str): See :class:`BaseLTLoss`. Defaults to
            ``'batch'``.
    """

    def __init__(self,
                 num_classes: int,
                 gamma: float = 1.0,
                 weight_in_ce: bool = True,
                 class_weight_norm: str = 'batch',
                 **kwargs):
        super().__init__(
            num_classes, class_weight_norm=class_weight_norm, **kwargs)
        self.gamma = gamma
        self.weight_in_ce = weight_in_ce

    def per_label_loss(self, logits: torch.Tensor,
                       class_weight: Optional[torch.Tensor]) -> torch.Tensor:
        ce = -F.log_softmax(logits, dim=1)
        outside = class_weight is not None and not self.weight_in_ce
        if class_weight is not None and self.weight_in_ce:
            ce = ce * class_weight
        loss = (-torch.expm1(-ce))**self.gamma * ce  # 1 - exp(-CE) = 1 - p
        return loss * class_weight if outside else loss
