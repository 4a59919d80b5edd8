"""COG's sub-class classifier and its mapping back to classes."""
from typing import List, Optional, Tuple

import torch
import torch.nn as nn
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmlt.datasets.utils import subclasses_per_class
from .lt_linear_head import LTLinearClsHead

MERGES = ('max', 'sum', 'mean')


@MODELS.register_module()
class SubclassClsHead(LTLinearClsHead):
    """A linear classifier over COG's sub-classes that predicts classes
    (the tutorial's "COG: Local Decomposition for Rare Class Analysis",
    phases III and IV), for :class:`~mmlt.datasets.SubclassDataset`.

    ``fc`` has ``max_subclasses`` outputs for every class: class i owns the
    block ``[i * max_subclasses, (i + 1) * max_subclasses)`` and uses its
    first ``K(i)``, derived from the training class counts exactly as the
    dataset derives them (:func:`~mmlt.datasets.utils.subclasses_per_class`,
    same ``subclass_size`` and ``max_subclasses``), so one config holds at
    every imbalance factor. The unused outputs are masked to ``-inf``:
    training is cross-entropy over the ``S = sum_i K(i)`` sub-classes (the
    labels of ``SubclassDataset``, contiguous class by class, checked
    against each item's ``gt_class``), and
    prediction (eval-mode ``forward``) scores class i by its sub-classes,
    ``merge='max'``: the best sub-class logit, so the argmax is the class
    of the predicted sub-class (COG's ``convertLabel``); ``'sum'``: their
    log-sum-exp, so the softmax is the summed sub-class probabilities;
    ``'mean'``: the log-sum-exp minus ``log K(i)``, the mean sub-class
    probability, which takes away the advantage a class has from owning
    more outputs (mmlt's variant, not COG's).

    Example:
        >>> head = dict(type='SubclassClsHead', num_classes=10,
        ...             in_channels=64, max_subclasses=10)

    Args:
        num_classes (int): Number of classes (C).
        in_channels (int): Dimension of the features.
        subclass_size (int, optional): As in ``SubclassDataset``.
        max_subclasses (int): As in ``SubclassDataset``. Defaults to 10.
        merge (str): ``'max'``, ``'sum'`` or ``'mean'``. Defaults to
            ``'max'``; its
            softmax is a score, not a probability (ECE reads it as one).
        **kwargs: Other arguments of :class:`LTLinearClsHead` but
            ``posthoc`` and ``weight_reg``, which act on one output per
            class.
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 subclass_size: Optional[int] = None,
                 max_subclasses: int = 10,
                 merge: str = 'max',
                 **kwargs):
        if merge not in MERGES:
            raise ValueError(
                f'SubclassClsHead: merge must be one of {MERGES}, got '
                f'{merge!r}.')
        for key in ('posthoc', 'weight_reg'):  # both act on class logits
            if kwargs.get(key) is not None:
                raise ValueError(f'SubclassClsHead takes no `{key}`.')
        loss = kwargs.get('loss', dict(type='CrossEntropyLoss'))
        if loss.get('type') != 'CrossEntropyLoss' or loss.get(
                'label_smooth_val') or loss.get('use_sigmoid'):
            # class counts, class sizes or smoothing over -inf outputs
            raise ValueError('SubclassClsHead trains with plain '
                             f'CrossEntropyLoss over sub-classes, got {loss}.')
        super().__init__(num_classes, in_channels, **kwargs)
        self.fc = nn.Linear(self.fc.in_features, num_classes * max_subclasses)
        self.subclass_size = subclass_size
        self.max_subclasses = max_subclasses
        self.merge = merge

    @property
    def subclass_mask(self) -> torch.Tensor:
        """``(C, max_subclasses)``: True where class i uses its output."""
        self.check_class_counts()
        k = torch.as_tensor(
            subclasses_per_class(self.class_counts.cpu().numpy(),
                                 self.subclass_size, self.max_subclasses),
            device=self.fc.weight.device)
        return (torch.arange(self.max_subclasses, device=k.device) < k[:,
                                                                       None])

    def subclass_logits(self, pre_logits: torch.Tensor) -> torch.Tensor:
        """``(N, C, max_subclasses)`` logits, unused ones ``-inf``."""
        logits = self.fc(pre_logits).view(-1, self.num_classes,
                                          self.max_subclasses)
        return logits.masked_fill(~self.subclass_mask, float('-inf'))

    def forward(self, feats: Tuple[torch.Tensor]) -> torch.Tensor:
        """Sub-class logits ``(N, C * max_subclasses)`` in training; in eval
        mode the ``(N, C)`` class scores."""
        logits = self.subclass_logits(self.pre_logits(feats))
        if self.training:
            return logits.flatten(1)
        if self.merge == 'max':
            return logits.amax(-1)
        if self.merge == 'sum':
            return logits.logsumexp(-1)
        return logits.logsumexp(-1) - self.subclass_mask.sum(-1).log()

    def loss(self, feats: Tuple[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> dict:
        """The loss over sub-classes: the contiguous sub-class labels go to
        their outputs in ``fc``."""
        mask = self.subclass_mask.flatten()
        slots = mask.nonzero().flatten()
        labels = torch.cat([s.gt_label for s in data_samples]).to(slots.device)
        classes = torch.tensor([int(s.gt_class) for s in data_samples],
                               device=slots.device)
        if (labels.max() >= len(slots) or
            (slots[labels.clamp(max=len(slots) - 1)] // self.max_subclasses
             != classes).any()):
            raise ValueError(
                'SubclassClsHead: the sub-class labels do not fall in their '
                f'classes under the {len(slots)} sub-classes the head '
                'derives from the class counts; the dataset and the head '
                'need the same `subclass_size` and `max_subclasses`.')
        pre_logits = self.pre_logits(feats)
        logits = self.subclass_logits(pre_logits).flatten(1)
        losses = dict(
            loss=self.loss_module(
                logits, slots[labels], avg_factor=len(labels), **kwargs))
        if self.feat_reg:
            losses['loss_feat'] = self.feat_reg / 2 * pre_logits.pow(2).sum(
                1).mean()
        return losses
