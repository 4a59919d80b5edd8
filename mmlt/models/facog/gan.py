"""FACoG's generator of convex weights and its feature discriminator
(Park et al., "Augmenting Features via Contrastive Learning-based Generative
Model for Long-Tailed Classification", ICCV 2023 workshops, Sec. 3.3)."""
from typing import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS


def mlp(dims: Sequence[int], act: str = 'relu') -> nn.Sequential:
    """Fully connected layers ``dims[0] -> ... -> dims[-1]`` with ReLU or
    LeakyReLU(0.2) between them (none after the last)."""
    layers = []
    for i, (d_in, d_out) in enumerate(zip(dims[:-1], dims[1:])):
        layers.append(nn.Linear(d_in, d_out))
        if i < len(dims) - 2:
            layers.append(
                nn.ReLU(inplace=True) if act ==
                'relu' else nn.LeakyReLU(0.2, inplace=True))
    return nn.Sequential(*layers)


@MODELS.register_module()
class ConvexWeightGenerator(nn.Module):
    """G(n | c): three FC layers from noise and a one-hot class to a softmax
    over the ``num_samples`` (N_s) dictionary features drawn for class c.

    The generated feature is ``sum_k w_k d_k`` (:meth:`combine`): a convex
    combination, so it lies in the convex hull of its samples.

    Args:
        num_classes (int): C.
        num_samples (int): N_s. Defaults to 5 (the paper's Sec. 4.7).
        noise_dim (int): Dimension of n ~ N(0, I). Defaults to 64.
        hidden (int): Width of the two hidden layers. Defaults to 128.
    """

    def __init__(self,
                 num_classes: int,
                 num_samples: int = 5,
                 noise_dim: int = 64,
                 hidden: int = 128):
        super().__init__()
        self.num_classes = num_classes
        self.num_samples = num_samples
        self.noise_dim = noise_dim
        self.net = mlp([noise_dim + num_classes, hidden, hidden, num_samples])

    def forward(self, labels: torch.Tensor) -> torch.Tensor:
        """Convex weights ``(B, N_s)`` for fresh noise and ``labels``."""
        noise = torch.randn(len(labels), self.noise_dim, device=labels.device)
        onehot = F.one_hot(labels, self.num_classes).float()
        return self.net(torch.cat([noise, onehot], 1)).softmax(1)

    @staticmethod
    def combine(weights: torch.Tensor, samples: torch.Tensor) -> torch.Tensor:
        """``(B, N_s)`` weights x ``(B, N_s, d)`` samples -> ``(B, d)``."""
        return torch.einsum('bk,bkd->bd', weights, samples)


@MODELS.register_module()
class FeatureDiscriminator(nn.Module):
    """D: three FC layers from a feature (and, if ``conditional``, the
    one-hot class) to a real-valued score for the least-squares GAN loss.

    Args:
        in_channels (int): Feature dimension.
        num_classes (int): C.
        hidden (int): Width of the two hidden layers. Defaults to 256.
        conditional (bool): Feed the class to D. Defaults to True.
    """

    def __init__(self,
                 in_channels: int,
                 num_classes: int,
                 hidden: int = 256,
                 conditional: bool = True):
        super().__init__()
        self.num_classes = num_classes
        self.conditional = conditional
        d_in = in_channels + (num_classes if conditional else 0)
        self.net = mlp([d_in, hidden, hidden, 1], act='leaky_relu')

    def forward(self, feats: torch.Tensor,
                labels: torch.Tensor) -> torch.Tensor:
        if self.conditional:
            feats = torch.cat(
                [feats, F.one_hot(labels, self.num_classes).float()], 1)
        return self.net(feats).squeeze(1)


def lsgan_d_loss(real_scores: torch.Tensor,
                 fake_scores: torch.Tensor) -> torch.Tensor:
    """Least-squares GAN (Mao et al. 2017), FACoG Eq. (3), discriminator:
    ``1/2 E[(D(x) - 1)^2] + 1/2 E[D(G(z))^2]``."""
    return 0.5 * ((real_scores - 1)**2).mean() + 0.5 * (fake_scores**2).mean()


def lsgan_g_loss(fake_scores: torch.Tensor) -> torch.Tensor:
    """Eq. (3), generator: ``1/2 E[(D(G(z)) - 1)^2]``."""
    return 0.5 * ((fake_scores - 1)**2).mean()
