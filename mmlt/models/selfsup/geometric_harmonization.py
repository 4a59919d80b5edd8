"""GH: geometric harmonization, an add-on loss to contrastive models."""
from typing import Dict, List

import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmlt.models.heads.lt_linear_head import simplex_etf
from .wrapper import SelfSupWrapper


def sinkhorn_allocation(scores: torch.Tensor,
                        prior: torch.Tensor,
                        eps: float = 0.05,
                        iters: int = 3) -> torch.Tensor:
    """Surrogate label allocation (GH's constrained problem): the ``(N, K)``
    transport plan ``Q`` proportional to ``exp(scores / eps)`` whose class
    totals are ``N * prior`` and whose rows sum to 1, by ``iters`` rounds
    of Sinkhorn-Knopp (class totals, then rows; the rows hold exactly)."""
    q = ((scores - scores.max()) / eps).exp()
    n = len(scores)
    for _ in range(iters):
        q = q * (n * prior / q.sum(0))
        q = q / q.sum(1, keepdim=True)
    return q


def gh_loss(z: torch.Tensor,
            anchors: torch.Tensor,
            prior: torch.Tensor,
            temperature: float = 0.1,
            eps: float = 0.05,
            iters: int = 3) -> torch.Tensor:
    """``L_GH = -1/N sum_i qhat_i . log q_i`` (the tutorial's GH slide):
    ``q_i = softmax(M z_i / temperature)`` over the geometric uniform
    structure ``M`` (rows: unit anchors with equal pairwise angles),
    ``z_i`` L2-normalised, and the surrogate labels ``qhat`` from
    :func:`sinkhorn_allocation` of the same similarities (no gradient)."""
    sim = F.normalize(z, dim=1) @ anchors.t()
    with torch.no_grad():
        target = sinkhorn_allocation(sim, prior, eps, iters)
    return -(target * F.log_softmax(sim / temperature, 1)).sum(1).mean()


@MODELS.register_module()
class GeometricHarmonization(SelfSupWrapper):
    """Geometric harmonization (Zhou et al., "Combating representation
    learning disparity with geometric harmonization", NeurIPS 2023; the
    tutorial's "GH" slides) added to any of mmpretrain's self-supervised
    models: ``L = L_model + w_GH * L_GH`` (:func:`gh_loss`) on the
    projections the model's neck computes in its own loss (captured, not
    recomputed), so the category-level uniformity term rides on SimCLR,
    SDCLR (``SelfDamagingBackbone``) or TS unchanged.

    The geometric uniform structure is a fixed simplex ETF of
    ``num_anchors`` vectors (pairwise cosine ``-1/(K-1)``). The class prior
    ``pi`` of the allocation's constraint, which label-free data does not
    give, is estimated as a momentum average (from uniform) of the batch
    marginal of the predictions ``q`` (the surrogate labels' marginal is
    the prior itself, by the constraint); it is a buffer, so checkpoints
    carry it and a resumed run continues the estimate (under DDP, rank 0's:
    DDP broadcasts buffers).

    Example:
        >>> model = dict(type='GeometricHarmonization', num_anchors=10,
        ...              model=dict(type='SimCLR', ...))

    Args:
        model (dict): The self-supervised model.
        num_anchors (int): Anchors of the structure (the latent classes).
        in_channels (int): Dimension of the neck's projections.
        loss_weight (float): ``w_GH``. Defaults to 1.0.
        temperature (float): Of ``q``. Defaults to 0.1.
        eps (float): Sinkhorn's entropic regularisation. Defaults to 0.05.
        iters (int): Sinkhorn rounds. Defaults to 3.
        prior_momentum (float): Of the prior estimate. Defaults to 0.99.
        data_preprocessor (dict, optional): The model's preprocessor.
    """

    def __init__(self,
                 model: dict,
                 num_anchors: int,
                 in_channels: int,
                 loss_weight: float = 1.0,
                 temperature: float = 0.1,
                 eps: float = 0.05,
                 iters: int = 3,
                 prior_momentum: float = 0.99,
                 data_preprocessor=None,
                 init_cfg=None):
        super().__init__(
            model,
            capture_projections=True,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.loss_weight = loss_weight
        self.temperature = temperature
        self.eps = eps
        self.iters = iters
        self.prior_momentum = prior_momentum
        self.register_buffer('anchors', simplex_etf(num_anchors, in_channels))
        self.register_buffer('prior',
                             torch.full((num_anchors, ), 1.0 / num_anchors))

    def loss(self, inputs: List[torch.Tensor],
             data_samples: List[DataSample]) -> Dict[str, torch.Tensor]:
        self._projections.clear()
        losses = self.model.loss(inputs, data_samples)
        if not self._projections:
            raise RuntimeError('GeometricHarmonization: the model computed '
                               'its loss without its neck.')
        z = torch.cat(self._projections)
        self._projections.clear()
        losses['loss_gh'] = self.loss_weight * gh_loss(
            z, self.anchors, self.prior, self.temperature, self.eps,
            self.iters)
        with torch.no_grad():
            sim = F.normalize(z, dim=1) @ self.anchors.t()
            marginal = (sim / self.temperature).softmax(1).mean(0)
            self.prior.mul_(self.prior_momentum).add_(
                marginal, alpha=1 - self.prior_momentum)
        return losses
