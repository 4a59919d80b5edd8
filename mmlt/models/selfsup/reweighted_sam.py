"""rwSAM: sharpness-aware minimisation with a density-reweighted ascent."""
from typing import Callable, Dict, List

import torch
import torch.nn.functional as F
from mmengine.dist import all_gather, get_world_size
from mmengine.model import MMDistributedDataParallel
from mmengine.optim import OptimWrapper
from mmengine.registry import MODEL_WRAPPERS
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from .wrapper import SelfSupWrapper


def kde_weights(feats: torch.Tensor,
                bandwidth: float = 1.0,
                alpha: float = 0.5) -> torch.Tensor:
    """rwSAM's weights (the tutorial's rwSAM slide):
    ``w_i = (1/n sum_j K(f_i - f_j, h))^-alpha``, ``K`` the Gaussian kernel
    ``exp(-||u||^2 / (2 h^2))``, normalised to mean 1: rare (low-density)
    samples weigh more. (The ascent ``rho g / ||g||`` does not depend on
    the weights' scale, only on their spread; on unit-norm projections,
    whose distances are at most 2, ``h = 1`` gives a narrow spread.)"""
    dist2 = torch.cdist(feats, feats).pow(2)
    density = (-dist2 / (2 * bandwidth**2)).exp().mean(1)
    weights = density.pow(-alpha)
    return weights / weights.mean()


def sam_update(params: List[torch.nn.Parameter],
               ascent_loss: Callable[[], torch.Tensor],
               descent_loss: Callable[[], torch.Tensor],
               optim_wrapper: OptimWrapper,
               rho: float = 0.05) -> torch.Tensor:
    """One SAM step (Foret et al., ICLR 2021): ``eps = rho g / ||g||`` with
    ``g`` the gradient of ``ascent_loss`` at ``phi``; the optimizer steps
    ``phi`` with the gradient of ``descent_loss`` at ``phi + eps``.
    Returns the descent loss."""
    grads = torch.autograd.grad(ascent_loss(), params, allow_unused=True)
    grads = [
        torch.zeros_like(p) if g is None else g for p, g in zip(params, grads)
    ]
    norm = torch.norm(torch.stack([g.norm() for g in grads]))
    scale = rho / (norm + 1e-12)
    with torch.no_grad():
        phi = [p.detach().clone() for p in params]
        for p, g in zip(params, grads):
            p.add_(g * scale)
    loss = descent_loss()
    optim_wrapper.backward(loss)
    with torch.no_grad():  # back to phi exactly, not phi + eps - eps
        for p, old in zip(params, phi):
            p.copy_(old)
    optim_wrapper.step()
    optim_wrapper.zero_grad()
    return loss


@MODELS.register_module()
class ReweightedSAM(SelfSupWrapper):
    """rwSAM (Liu et al., "Self-supervised learning is more robust to
    dataset imbalance", ICLR 2022; the tutorial's rwSAM slide) around any of
    mmpretrain's self-supervised models:
    ``min_phi L(phi + eps_w(phi))``, ``eps_w = rho grad L_w / ||grad L_w||``,
    ``L_w`` the per-sample loss weighted by :func:`kde_weights` of the
    L2-normalised projections the model's neck computes (captured, as
    :class:`GeometricHarmonization` does); ``alpha=0`` is plain SAM.

    The wrapper builds the model's head loss with ``reduction='none'`` (one
    contrastive loss per sample, SimCLR's / MoCo's ``ContrastiveHead``).
    Under DDP (``model_wrapper_cfg=dict(
    type='SAMDistributedDataParallel')``) the ascent gradient is each
    rank's own (no all-reduce: SAM's per-device "m-sharpness"; the weights
    and the loss cover every rank's samples, as SimCLR's gathered
    similarities do) and the descent gradient is all-reduced as usual.

    Args:
        model (dict): The self-supervised model.
        rho (float): Radius of the ascent. Defaults to 0.05.
        alpha (float): Exponent of the density weights. Defaults to 0.5.
        bandwidth (float): ``h`` of the kernel. Defaults to 1.0.
        data_preprocessor (dict, optional): The model's preprocessor.
    """

    def __init__(self,
                 model: dict,
                 rho: float = 0.05,
                 alpha: float = 0.5,
                 bandwidth: float = 1.0,
                 data_preprocessor=None,
                 init_cfg=None):
        super().__init__(
            model,
            per_sample_loss=True,  # L_w
            capture_projections=True,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.rho, self.alpha, self.bandwidth = rho, alpha, bandwidth
        self._in_sam_step = False

    def forward(self, inputs, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss':
            if not self._in_sam_step:
                raise RuntimeError(
                    'ReweightedSAM: a loss outside its own train_step (a '
                    "plain DDP wrapper's?) would skip the SAM ascent; under "
                    "DDP set model_wrapper_cfg=dict(type='SAMDistributed"
                    "DataParallel') in the config.")
        return super().forward(inputs, data_samples, mode)

    def loss(self,
             inputs: List[torch.Tensor],
             data_samples: List[DataSample],
             weighted: bool = False) -> Dict[str, torch.Tensor]:
        """The mean per-sample loss; ``weighted``: rwSAM's ``L_w``."""
        self._projections.clear()
        per_sample = self.model.loss(inputs, data_samples)['loss']
        if per_sample.dim() != 1:
            raise ValueError('ReweightedSAM: the model must return one loss '
                             "per sample (its head's reduction='none').")
        if not weighted:
            return dict(loss=per_sample.mean())
        z = F.normalize(torch.cat(self._projections).detach(), dim=1)
        if get_world_size() > 1:  # rows of every rank, as the loss has
            z = torch.cat(all_gather(z))
        weights = kde_weights(z, self.bandwidth, self.alpha)
        return dict(loss=(weights * per_sample).mean())

    def train_step(self, data, optim_wrapper: OptimWrapper):
        return _train_step(self, self, data, optim_wrapper)


def _train_step(outer, model: ReweightedSAM, data, optim_wrapper):
    """:func:`sam_update` on ``model``'s losses; ``outer`` is the model or
    its DDP wrapper (whose forward all-reduces the descent gradient)."""
    if getattr(optim_wrapper, '_accumulative_counts', 1) != 1:
        raise ValueError(
            'ReweightedSAM steps the optimizer every iteration (two passes '
            'per step); optim_wrapper.accumulative_counts must be 1, not '
            f'{optim_wrapper._accumulative_counts}.')
    params = [p for p in model.parameters() if p.requires_grad]
    model._in_sam_step = True
    try:
        with optim_wrapper.optim_context(outer):
            data = model.data_preprocessor(data, True)
            loss = sam_update(
                params,
                # the module itself, outside DDP's forward: the rank's own
                # gradient
                lambda: model.loss(**data, weighted=True)['loss'],
                lambda: outer(**data, mode='loss')['loss'],
                optim_wrapper,
                model.rho)
    finally:
        model._in_sam_step = False
    return dict(loss=loss.detach())


# mmengine's root registry: the Runner looks wrapper types up there without
# a scope (``MODEL_WRAPPERS.get``), which finds no child registry's
@MODEL_WRAPPERS.register_module()
class SAMDistributedDataParallel(MMDistributedDataParallel):
    """mmengine's DDP wrapper whose ``train_step`` is
    :class:`ReweightedSAM`'s two-pass step."""

    def train_step(self, data, optim_wrapper: OptimWrapper):
        return _train_step(self, self.module, data, optim_wrapper)
