"""One-vs-all (binary cross-entropy) losses with counts-derived class
weights."""
from typing import Optional

import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS

from .base import BaseLTLoss


@MODELS.register_module()
class SigmoidFocalLoss(BaseLTLoss):
    """One-vs-all sigmoid focal loss (Lin et al., ICCV 2017, Eq. 4, no
    alpha), summed over classes, weighted by ``w_y`` of the sample's class,
    mean over the batch: Cui et al.'s class-balanced focal loss (CVPR 2019,
    Sec. 4, with ``class_weight='effective'``) as their code computes it
    (``src/cifar_main.py``: the sum over the batch and classes divided by
    the number of positive labels, N).

    With ``p_k = sigmoid(z_k)`` and a label y, class k contributes
    ``(1 - p_k)^gamma * -log p_k`` if k = y and ``p_k^gamma * -log(1 - p_k)``
    otherwise. Cui et al. also initialise the classifier bias to
    ``-log(C - 1)`` and exclude it from weight decay; these are settings
    of the head and optimiser, see ``configs/class_balanced``.

    mmpretrain's ``FocalLoss`` is the same family with an alpha
    (0.25 by default) and typed class weights.

    Args:
        gamma (float): Focusing parameter. Defaults to 1.0 (Cui et al.'s
            CIFAR script).
        class_weight_norm (str): See :class:`BaseLTLoss`. Defaults to
            ``'batch'``, Cui et al.'s.
    """

    def __init__(self,
                 num_classes: int,
                 gamma: float = 1.0,
                 class_weight_norm: str = 'batch',
                 **kwargs):
        super().__init__(
            num_classes, class_weight_norm=class_weight_norm, **kwargs)
        self.gamma = gamma

    def per_label_loss(self, logits: torch.Tensor,
                       class_weight: Optional[torch.Tensor]) -> torch.Tensor:
        pos = F.softplus(-logits)  # -log p_k
        neg = F.softplus(logits)  # -log(1 - p_k)
        if self.gamma:
            pos = pos * torch.exp(-self.gamma * neg)  # (1 - p_k)^gamma
            neg = neg * torch.exp(-self.gamma * F.softplus(-logits))  # p^g
        # label c: positive at k = c, negative at every other k
        loss = neg.sum(1, keepdim=True) - neg + pos
        return loss if class_weight is None else loss * class_weight


@MODELS.register_module()
class SigmoidCELoss(SigmoidFocalLoss):
    """One-vs-all sigmoid cross-entropy summed over classes, mean over the
    batch, each sample weighted by ``w_y`` of its class: Cui et al.'s CB
    sigmoid loss (CVPR 2019, Eq. 6 with ``class_weight='effective'``);
    :class:`SigmoidFocalLoss` with ``gamma = 0``.

    mmpretrain's ``CrossEntropyLoss(use_sigmoid=True)`` takes typed class
    weights; this one derives them from the training counts.
    """

    def __init__(self, num_classes: int, **kwargs):
        super().__init__(num_classes, gamma=0.0, **kwargs)


@MODELS.register_module()
class SoftmaxBCELoss(BaseLTLoss):
    """Binary cross-entropy of the softmax probabilities against the
    one-hot label, mean over the batch and the C classes, each sample
    weighted by ``w_y`` of its class: the ``"softmax"`` class-balanced loss
    that the weight-balancing code (Alshammari et al., CVPR 2022,
    ``utils/class_balanced_loss.py``) trains its second stage with
    (``class_weight='effective'``, beta 0.9999).

    With ``p = softmax(z)``: ``(w_y / C) * (-log p_y - sum_{k != y}
    log(1 - p_k))``; both logs are clamped at -100, as torch's
    ``binary_cross_entropy`` that the reference calls.

    Args:
        class_weight_norm (str): See :class:`BaseLTLoss`. Defaults to
            ``'batch'``, the reference's.
    """

    def __init__(self,
                 num_classes: int,
                 class_weight_norm: str = 'batch',
                 **kwargs):
        super().__init__(
            num_classes, class_weight_norm=class_weight_norm, **kwargs)

    def per_label_loss(self, logits: torch.Tensor,
                       class_weight: Optional[torch.Tensor]) -> torch.Tensor:
        log_p = F.log_softmax(logits, dim=1)
        pos = -log_p.clamp(min=-100)
        neg = -torch.log1p(-log_p.exp()).clamp(min=-100)
        loss = (neg.sum(1, keepdim=True) - neg + pos) / logits.size(1)
        return loss if class_weight is None else loss * class_weight
