"""PRODEN's label disambiguation with RECORDS' dynamic rebalancing."""
from typing import List, Optional, Tuple

import torch
import torch.nn.functional as F
from mmengine.dist import all_reduce, get_world_size
from mmengine.logging import MessageHub
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from ..utils import SampleRowsMixin, gather_rows, grow_rows
from .lt_linear_head import LTLinearClsHead

REBALANCE = (None, 'oracle', 'dynamic')


@MODELS.register_module()
class PartialLabelClsHead(SampleRowsMixin, LTLinearClsHead):
    """A linear head trained on candidate label sets
    (:class:`~mmlt.datasets.PartialLabelDataset`).

    **PRODEN** (Lv et al., ICML 2020) keeps a confidence vector ``w_i`` over
    the candidates ``S_i`` of every training image, uniform over ``S_i`` at
    its first visit. The loss is ``-1/B sum_i sum_j w_ij log p_ij`` with the
    stored ``w``; then, from epoch ``update_start`` on, ``w_i`` is set to the
    batch's own prediction restricted to ``S_i`` and renormalised
    (disambiguation).

    **RECORDS** (Hong et al., ICLR 2023; the tutorial's "RECORDS:
    Rebalancing for dynamic bias") changes what the update reads. On
    long-tailed data the prediction favours the head classes, and
    disambiguation hands them the ambiguous images; the update and the
    test-time prediction use ``z - log P_train(y)`` instead of ``z``:

    - ``rebalance='dynamic'``: ``P_train(y | Theta) = softmax(W F + b)``
      (the slides' ``softmax(g(F; W))``), ``F`` a momentum average of the
      batch mean feature, ``F <- m F + (1 - m) mean(f)``, from 0; no prior
      needs to be known;
    - ``rebalance='oracle'``: the constant true prior ``n_c / N`` (the
      training class counts, which partial-label data does not give; the
      comparison RECORDS makes);
    - ``None``: PRODEN alone.

    The loss itself always uses the plain logits. Confidences and ``F`` are
    buffers, saved in every checkpoint (resume continues the
    disambiguation); under DDP the ranks exchange their updated rows and
    average ``F``, so every rank holds the same state.

    Args:
        num_classes (int): Number of classes.
        in_channels (int): Dimension of the features.
        rebalance (str, optional): ``None``, ``'oracle'`` or ``'dynamic'``.
        momentum (float): ``m`` of ``F``. Defaults to 0.9 (RECORDS).
        update_start (int): First epoch (0-based) whose iterations update
            the confidences. Defaults to 1 (RECORDS' code: epoch 0 trains
            on the uniform confidences).
        **kwargs: Other arguments of :class:`LTLinearClsHead` but
            ``loss``, ``posthoc`` and ``weight_reg``.
    """

    #: sized by the training set: StrictLoadHook takes the checkpoint's
    data_sized_buffers = ('confidence', )

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 rebalance: Optional[str] = None,
                 momentum: float = 0.9,
                 update_start: int = 1,
                 **kwargs):
        if rebalance not in REBALANCE:
            raise ValueError(f'PartialLabelClsHead: rebalance must be one '
                             f'of {REBALANCE}, got {rebalance!r}.')
        for key in ('loss', 'posthoc', 'weight_reg'):
            if kwargs.get(key) is not None:
                raise ValueError(
                    f'PartialLabelClsHead takes no `{key}`: its loss is '
                    "PRODEN's over the candidate sets.")
        super().__init__(num_classes, in_channels, **kwargs)
        self.rebalance = rebalance
        self.momentum = momentum
        self.update_start = update_start
        self.register_buffer('confidence', torch.zeros(0, num_classes))
        self.register_buffer('feat_mean', torch.zeros(self.fc.in_features))

    def log_train_prior(self) -> torch.Tensor:
        """``log P_train(y)`` the update and the prediction subtract."""
        if self.rebalance == 'oracle':
            return self.log_prior.to(self.fc.weight.device)
        with torch.no_grad():
            return torch.log(F.softmax(self.fc(self.feat_mean), 0) +
                             1e-9)  # RECORDS' eps

    def forward(self, feats: Tuple[torch.Tensor]) -> torch.Tensor:
        """The logits; in eval mode with ``rebalance``, ``z - log P``."""
        logits = self.logits(self.pre_logits(feats))
        if self.training or self.rebalance is None:
            return logits
        return logits - self.log_train_prior()

    def loss(self, feats: Tuple[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> dict:
        pre_logits = self.pre_logits(feats)
        logits = self.logits(pre_logits)
        device = logits.device
        index = torch.tensor([s.sample_idx for s in data_samples],
                             device=device)
        candidates = torch.stack([s.candidates
                                  for s in data_samples]).to(device)
        weights = self._confidences(index, candidates)
        losses = dict(loss=-(weights * F.log_softmax(logits, 1)).sum(1).mean())
        if self.feat_reg:
            losses['loss_feat'] = self.feat_reg / 2 * pre_logits.pow(2).sum(
                1).mean()
        with torch.no_grad():
            if self.rebalance == 'dynamic':
                batch_mean = pre_logits.detach().mean(0)
                if get_world_size() > 1:
                    all_reduce(batch_mean, op='mean')  # in place
                self.feat_mean.mul_(self.momentum).add_(
                    (1 - self.momentum) * batch_mean)
            epoch = MessageHub.get_current_instance().get_info('epoch')
            if epoch is None:
                raise RuntimeError(
                    'PartialLabelClsHead counts `update_start` in epochs: '
                    'train it with an epoch-based loop.')
            if epoch >= self.update_start:
                scores = logits.detach()
                if self.rebalance is not None:
                    scores = scores - self.log_train_prior()
                # the softmax over the candidates alone: never 0 / 0
                self._store(
                    index,
                    scores.masked_fill(candidates == 0,
                                       float('-inf')).softmax(1))
        return losses

    def _confidences(self, index: torch.Tensor,
                     candidates: torch.Tensor) -> torch.Tensor:
        """The stored ``w`` of the batch; uniform over the candidates for
        an image seen the first time (on every rank alike)."""
        self.confidence = grow_rows(self.confidence, *gather_rows(index))
        weights = self.confidence[index]
        fresh = weights.sum(1) == 0
        weights[fresh] = candidates[fresh] / candidates[fresh].sum(
            1, keepdim=True)
        return weights

    def _store(self, index: torch.Tensor, rows: torch.Tensor) -> None:
        """Write the updated rows of every rank's batch."""
        index, rows = gather_rows(index, rows)
        self.confidence[index] = rows
