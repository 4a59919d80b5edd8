"""Softmax focal loss (Lin et al., ICCV 2017, on the softmax)."""
import torch
from mmpretrain.registry import MODELS

from .base import BaseLTLoss, soft_cross_entropy


@MODELS.register_module()
class SoftmaxFocalLoss(BaseLTLoss):
    """``mean_i w_{y_i} (1 - p_i)^gamma CE_i`` with ``p_i`` the softmax
    probability of the target (``exp(-CE_i)``).

    mmpretrain's ``FocalLoss`` is the sigmoid form; this is the softmax form
    of LDAM-DRW's code (``gamma=1``). With ``class_weight='effective'`` it is
    the class-balanced softmax focal loss of Cui et al. (CVPR 2019); the
    weight multiplies the focal term of each sample and the mean is over the
    batch, as in Cui et al.'s code.
    """
    class_weighted_mean = False

    def __init__(self, num_classes: int, gamma: float = 1.0, **kwargs):
        super().__init__(num_classes, **kwargs)
        self.gamma = gamma

    def per_sample_loss(self, logits: torch.Tensor,
                        target: torch.Tensor) -> torch.Tensor:
        ce = soft_cross_entropy(logits, target)
        return (1 - torch.exp(-ce))**self.gamma * ce
