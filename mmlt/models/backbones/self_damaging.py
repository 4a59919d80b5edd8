"""SDCLR's self-damaging twin: a backbone and its magnitude-pruned copy."""
from typing import Dict, Tuple, Union

import torch
from mmengine.logging import MessageHub
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch.func import functional_call


def magnitude_masks(module: torch.nn.Module,
                    ratio: float) -> Dict[str, torch.Tensor]:
    """Layer-wise magnitude pruning: for every convolution and linear
    weight (every parameter of two or more dimensions) a 0/1 mask that
    drops its ``ratio`` share of smallest absolute values (ties kept)."""
    if not 0 <= ratio < 1:
        raise ValueError(f'the pruning ratio must be in [0, 1), got {ratio}.')
    masks = {}
    for name, weight in module.named_parameters():
        if weight.dim() < 2:
            continue
        drop = int(ratio * weight.numel())
        if drop == 0:
            masks[name] = torch.ones_like(weight)
            continue
        threshold = weight.detach().abs().flatten().kthvalue(drop).values
        masks[name] = (weight.detach().abs() > threshold).to(weight.dtype)
    return masks


@MODELS.register_module()
class SelfDamagingBackbone(BaseModule):
    """SDCLR's contrast of a network with its own pruned copy (Jiang et al.,
    "Self-damaging contrastive learning", ICML 2021; the tutorial's "SDCLR"
    slide), as a backbone for mmpretrain's contrastive models.

    mmpretrain's ``SimCLR`` stacks the two views of image ``i`` at rows
    ``2i`` and ``2i + 1``. In training this backbone runs the even rows
    (first views) through the dense weights and the odd rows (second
    views) through the weights times their :func:`magnitude_masks`, so
    SimCLR's unchanged loss contrasts each dense view with its pruned
    twin: samples the pruned copy forgets (atypical, often tail samples)
    get the larger loss. The masks are recomputed from the current weights
    at the first training forward of every epoch (SDCLR re-prunes each
    epoch), so a resumed run prunes as the uninterrupted one. Both branches
    share all parameters, BN included (each computes its own batch
    statistics). In evaluation (probes, feature extraction) only the dense
    network runs.

    Example:
        >>> model = dict(type='SimCLR', backbone=dict(
        ...     type='SelfDamagingBackbone', prune_ratio=0.9,
        ...     backbone=dict(type='ResNetLDAM', depth=8, in_channels=1)))

    Args:
        backbone (dict): The network.
        prune_ratio (float): Share of each layer's weights the pruned copy
            drops. Defaults to 0.9 (SDCLR's CIFAR setting, as mmlt reads
            it).
    """

    def __init__(self,
                 backbone: dict,
                 prune_ratio: float = 0.9,
                 init_cfg=None):
        super().__init__(init_cfg)
        self.backbone = MODELS.build(backbone)
        self.prune_ratio = prune_ratio
        magnitude_masks(self.backbone, prune_ratio)  # checks the ratio
        self.masks: Dict[str, torch.Tensor] = {}
        self._pruned_at = None

    def prune(self) -> None:
        """Recompute the masks from the current weights."""
        self.masks = magnitude_masks(self.backbone, self.prune_ratio)

    def pruned_forward(self, x: torch.Tensor):
        """The pruned copy on ``x`` (gradients reach the shared weights
        through the kept entries)."""
        params = dict(self.backbone.named_parameters())
        for name, mask in self.masks.items():
            params[name] = params[name] * mask
        return functional_call(self.backbone, params, (x, ))

    def forward(self, x: torch.Tensor) -> Union[Tuple, torch.Tensor]:
        if not self.training:
            return self.backbone(x)
        if len(x) % 2:
            raise ValueError(
                'SelfDamagingBackbone trains on view pairs (rows 2i, 2i + 1, '
                f"as mmpretrain's SimCLR stacks them); got {len(x)} rows.")
        epoch = MessageHub.get_current_instance().get_info('epoch', 0)
        if not self.masks or epoch != self._pruned_at:
            self.prune()
            self._pruned_at = epoch
        dense = self.backbone(x[0::2])
        pruned = self.pruned_forward(x[1::2])
        if isinstance(dense, torch.Tensor):
            return self._interleave(dense, pruned)
        return tuple(map(self._interleave, dense, pruned))

    @staticmethod
    def _interleave(even: torch.Tensor, odd: torch.Tensor) -> torch.Tensor:
        return torch.stack((even, odd), 1).flatten(0, 1)
