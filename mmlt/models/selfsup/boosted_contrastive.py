"""BCL: the memorization score of contrastive learning."""
from typing import Dict, List

import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from ..utils import SampleRowsMixin, gather_rows, grow_rows
from .wrapper import SelfSupWrapper


def memorization_scores(loss_ma: torch.Tensor,
                        seen: torch.Tensor) -> torch.Tensor:
    """BCL's ``M_i = 1/2 ((L^m_i - mean L^m) / max_j |L^m_j - mean L^m|
    + 1)`` (the tutorial's BCL slide) over the images seen so far, in
    [0, 1] (1: the least memorised); 0 for the images not seen yet."""
    scores = torch.zeros_like(loss_ma)
    if seen.any():
        dev = loss_ma[seen] - loss_ma[seen].mean()
        scores[seen] = 0.5 * (dev / dev.abs().max().clamp_min(1e-12) + 1)
    return scores


def update_loss_average(loss_ma: torch.Tensor, seen: torch.Tensor,
                        idx: torch.Tensor, losses: torch.Tensor,
                        momentum: float) -> None:
    """In place, rows ``idx``: ``L^m = momentum L^m + (1 - momentum) L``,
    or ``L`` where the row is not ``seen`` yet (then marked seen)."""
    loss_ma[idx] = torch.where(
        seen[idx], momentum * loss_ma[idx] + (1 - momentum) * losses, losses)
    seen[idx] = True


@MODELS.register_module()
class BoostedContrastiveLearning(SampleRowsMixin, SelfSupWrapper):
    """BCL (Zhou et al., "Contrastive learning with boosted memorization",
    ICML 2022; the tutorial's BCL slides) around any of mmpretrain's
    self-supervised models: the model's own loss, plus the momentum average
    of each image's contrastive loss ``L^m_{i,t} = beta L^m_{i,t-1} + (1 -
    beta) L_{i,t}`` (``L^m_{i,0} = L_{i,0}``; the mean of its views'
    losses) in ``loss_ma``, a buffer of one row per training image (by
    ``sample_idx``; DDP: every rank's batch, gathered, so all ranks hold the
    same rows; checkpoints carry it). :func:`memorization_scores` of it
    drive :class:`~mmlt.datasets.MemorizationAugment` through
    :class:`~mmlt.engine.hooks.MemorizationScoreHook`.

    The wrapper builds the model's head loss with ``reduction='none'``.

    Args:
        model (dict): The self-supervised model (two views per image).
        momentum (float): beta. Defaults to 0.9.
        data_preprocessor (dict, optional): The model's preprocessor.
    """

    data_sized_buffers = ('loss_ma', 'seen')

    def __init__(self,
                 model: dict,
                 momentum: float = 0.9,
                 data_preprocessor=None,
                 init_cfg=None):
        super().__init__(
            model,
            per_sample_loss=True,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.momentum = momentum
        self.register_buffer('loss_ma', torch.zeros(0))
        self.register_buffer('seen', torch.zeros(0, dtype=torch.bool))

    def loss(self, inputs: List[torch.Tensor],
             data_samples: List[DataSample]) -> Dict[str, torch.Tensor]:
        per_row = self.model.loss(inputs, data_samples)['loss']
        idx = torch.tensor([s.sample_idx for s in data_samples],
                           device=per_row.device)
        idx, = gather_rows(idx)  # the rows of every rank, as the loss has
        if len(per_row) != 2 * len(idx):
            raise ValueError('BoostedContrastiveLearning: expected two '
                             f'views per image, got {len(per_row)} losses '
                             f'for {len(idx)} images.')
        with torch.no_grad():
            per_image = per_row.detach().view(-1, 2).mean(1)
            self.loss_ma = grow_rows(self.loss_ma, idx)
            self.seen = grow_rows(self.seen, idx)
            update_loss_average(self.loss_ma, self.seen, idx, per_image,
                                self.momentum)
        return dict(loss=per_row.mean())
