"""Batch normalisation with a constant affine transform."""
import torch
import torch.nn as nn
from mmengine.registry import MODELS


# registered with mmcv's norm layers (mmengine's root registry), where
# ``build_norm_layer`` looks whatever the default scope
@MODELS.register_module()
class FixedBN(nn.BatchNorm2d):
    """BatchNorm2d whose scale and shift are constants, not parameters.

    The "WD fixed BN" rows of Hasegawa & Sato ("Exploring Weight Balancing
    on Long-Tailed Recognition Problem", ICLR 2024, Sec. 4.2) keep every BN
    scale at one constant and every shift fixed, so weight decay acts only
    on the convolutions and the classifier. Running statistics are still
    tracked. Use it as a backbone's ``norm_cfg``:

    Example:
        >>> backbone = dict(type='ResNetLDAM', depth=8,
        ...                 norm_cfg=dict(type='FixedBN', scale=1.0))

    Args:
        num_features (int): Channels.
        scale (float): The constant scale. Defaults to 1.
        shift (float): The constant shift. Defaults to 0.
        **kwargs: ``eps``, ``momentum`` of :class:`torch.nn.BatchNorm2d`.
    """
    _abbr_ = 'bn'

    def __init__(self,
                 num_features: int,
                 scale: float = 1.0,
                 shift: float = 0.0,
                 **kwargs):
        if kwargs.pop('affine', False):
            raise ValueError('FixedBN has no learnable affine parameters; '
                             'drop `affine` from its norm_cfg.')
        super().__init__(num_features, affine=False, **kwargs)
        self.scale = float(scale)
        self.shift = float(shift)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x) * self.scale + self.shift

    def extra_repr(self) -> str:
        return f'{super().extra_repr()}, scale={self.scale}, ' \
               f'shift={self.shift}'
