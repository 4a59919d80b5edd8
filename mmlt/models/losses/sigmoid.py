"""Sigmoid cross-entropy with counts-derived class weights."""
import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS

from .base import BaseLTLoss, as_soft


@MODELS.register_module()
class SigmoidCELoss(BaseLTLoss):
    """One-vs-all sigmoid cross-entropy, summed over classes, mean over the
    batch; each sample weighted by ``w_y`` of its class (Cui et al., CVPR
    2019, Eq. 6 with ``class_weight='effective'``: CB sigmoid loss).

    mmpretrain's ``CrossEntropyLoss(use_sigmoid=True)`` takes typed class
    weights; this one derives them from the training counts.
    """
    class_weighted_mean = False

    def per_sample_loss(self, logits: torch.Tensor,
                        target: torch.Tensor) -> torch.Tensor:
        return F.binary_cross_entropy_with_logits(
            logits, as_soft(target, logits.size(1)), reduction='none').sum(1)
