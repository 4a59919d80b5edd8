"""Supervised contrastive loss (Khosla et al., NeurIPS 2020)."""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS


@MODELS.register_module()
class SupConLoss(nn.Module):
    """Supervised contrastive loss over a batch of embeddings.

    With ``z`` the L2-normalised embeddings, ``A(i)`` every other sample of
    the batch and ``P(i)`` those of A(i) with the label of i::

        L = mean_i  -1/|P(i)| sum_{p in P(i)}
                    log( exp(z_i.z_p / tau)
                         / sum_{a in A(i)} exp(z_i.z_a / tau) )

    Anchors without a positive are left out of the mean, and so are the
    samples ``anchors`` marks False (they still count in A(i) and P(i)).
    It is FACoG's ``L_sc`` (Eq. 1) when the batch is the two augmented views
    of the images, and its augmented ``L_asc`` (Eq. 4) when the batch is
    real and generated features with the generated ones as the anchors:
    the positives are then the real and generated features of the anchor's
    class.

    Args:
        temperature (float): tau. Defaults to 0.1.
        loss_weight (float): Defaults to 1.0.
    """

    def __init__(self, temperature: float = 0.1, loss_weight: float = 1.0):
        super().__init__()
        self.temperature = temperature
        self.loss_weight = loss_weight

    def forward(self,
                embeddings: torch.Tensor,
                labels: torch.Tensor,
                anchors: Optional[torch.Tensor] = None) -> torch.Tensor:
        z = F.normalize(embeddings, dim=1)
        logits = z @ z.t() / self.temperature
        n = len(labels)
        not_self = ~torch.eye(n, dtype=torch.bool, device=z.device)
        # log-softmax over A(i): the anchor itself is excluded
        logits = logits.masked_fill(~not_self, float('-inf'))
        log_prob = logits - torch.logsumexp(logits, dim=1, keepdim=True)
        positives = (labels[:, None] == labels[None, :]) & not_self
        num_pos = positives.sum(1)
        has_pos = num_pos > 0
        if anchors is not None:
            has_pos &= anchors
        if not has_pos.any():
            return embeddings.sum() * 0.0
        pos_log_prob = log_prob.masked_fill(~positives, 0.0).sum(1)
        loss = -(pos_log_prob[has_pos] / num_pos[has_pos]).mean()
        return self.loss_weight * loss
