"""The CIFAR ResNet family of LDAM-DRW (ResNet-32 and its depths)."""
from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmcv.cnn import build_norm_layer
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS


class ShortcutA(nn.Module):
    """Option-A shortcut (He et al. 2016): stride-2 subsampling, zero-padded
    channels; parameter-free."""

    def __init__(self, pad: int):
        super().__init__()
        self.pad = pad

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, self.pad, self.pad))


class BasicBlockA(nn.Module):
    """3x3-3x3 basic block with an option-A shortcut when the shape changes."""

    def __init__(self,
                 in_planes: int,
                 planes: int,
                 stride: int = 1,
                 norm_cfg: dict = dict(type='BN')):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = build_norm_layer(norm_cfg, planes)[1]
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = build_norm_layer(norm_cfg, planes)[1]
        if stride != 1 or in_planes != planes:
            self.shortcut = ShortcutA((planes - in_planes) // 2)
        else:
            self.shortcut = nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


@MODELS.register_module()
class ResNetLDAM(BaseModule):
    """CIFAR ResNet as LDAM-DRW defines it (Cao et al., NeurIPS 2019).

    A 3x3 stem, three stages of ``(depth - 2) / 6`` basic blocks with
    ``base_channels * (1, 2, 4)`` channels, option-A shortcuts and Kaiming
    normal initialisation. ``depth=32, base_channels=16`` is the ResNet-32
    of the long-tail literature (0.46M parameters, 64-d features);
    ``base_channels=32`` gives the 128-d features an ETF classifier needs on
    CIFAR-100; ``depth=8`` is the CPU-sized variant.

    Example:
        >>> backbone = dict(type='ResNetLDAM', depth=32)

    Args:
        depth (int): ``6n + 2``: 8, 20, 32, 44, 56, 110.
        base_channels (int): Channels of the first stage. Defaults to 16.
        in_channels (int): Input channels (1 for MNIST). Defaults to 3.
        norm_cfg (dict): Normalisation layers; ``dict(type='FixedBN')``
            gives the "WD fixed BN" variant of weight balancing.
            Defaults to ``dict(type='BN')``.
    """

    def __init__(self,
                 depth: int = 32,
                 base_channels: int = 16,
                 in_channels: int = 3,
                 norm_cfg: dict = dict(type='BN'),
                 init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        if depth < 8 or (depth - 2) % 6:
            raise ValueError(f'`depth` must be 6n + 2 >= 8, got {depth}.')
        num_blocks = (depth - 2) // 6
        self.depth = depth
        self.conv1 = nn.Conv2d(in_channels, base_channels, 3, 1, 1, bias=False)
        self.bn1 = build_norm_layer(norm_cfg, base_channels)[1]
        in_planes = base_channels
        self.layers = nn.ModuleList()
        for i in range(3):
            planes = base_channels * 2**i
            blocks = []
            for j in range(num_blocks):
                stride = 2 if (i > 0 and j == 0) else 1
                blocks.append(BasicBlockA(in_planes, planes, stride, norm_cfg))
                in_planes = planes
            self.layers.append(nn.Sequential(*blocks))
        self.out_channels = in_planes

    def init_weights(self):
        super().init_weights()
        if self.init_cfg is None:
            for m in self.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor]:
        x = F.relu(self.bn1(self.conv1(x)))
        for layer in self.layers:
            x = layer(x)
        return (x, )
