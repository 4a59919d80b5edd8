"""ABC: an auxiliary balanced classifier on FixMatch (Lee et al., NeurIPS
2021)."""
from typing import Dict, List, Tuple

import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from ..utils import ClassCountsMixin
from .fixmatch import FixMatch


@MODELS.register_module()
class ABCFixMatch(ClassCountsMixin, FixMatch):
    """FixMatch plus ABC's auxiliary balanced classifier (the tutorial's
    "ABC: Auxiliary Balanced Classifier": re-sample a balanced subset while
    using the representation learned from all data).

    The backbone and the main head train as FixMatch's. ``aux_head`` reads
    the same features and trains on a class-balanced share of the batch:
    each labeled image of class c enters its cross-entropy with
    probability ``N_min / N_c`` (a Bernoulli mask, ``N`` the labeled class
    counts from ``ClassCountsHook``), and each unlabeled image enters the
    consistency term (its strong view against the hard pseudo-label of
    ``aux_head``'s own weak-view prediction, where that reaches
    ``threshold``) with probability ``N_min / N_q``, ``q`` its
    pseudo-label. Both terms are averaged over all images of their kind.
    ``aux_head`` predicts (eval mode); the main head is the representation
    learner's. The masks draw from torch's global stream, which
    ``EpochSeedHook`` derives from (seed, epoch).

    Args:
        aux_head (dict): The auxiliary classifier (e.g. a
            ``LinearClsHead`` of the main head's sizes).
        **kwargs: See :class:`FixMatch`.
    """

    def __init__(self, *args, aux_head: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.aux_head = MODELS.build(aux_head)
        self.init_class_counts(self.aux_head.num_classes)

    def keep_probability(self, labels: torch.Tensor) -> torch.Tensor:
        """``N_min / N_c`` of each label's class."""
        self.check_class_counts()
        counts = self.class_counts.float().to(labels.device)
        return (counts.min() / counts)[labels]

    def semi_losses(self, feats_l: Tuple[torch.Tensor],
                    feats_w: Tuple[torch.Tensor], feats_s: Tuple[torch.Tensor],
                    labeled: List[DataSample],
                    unlabeled: List[DataSample]) -> Dict[str, torch.Tensor]:
        losses = super().semi_losses(feats_l, feats_w, feats_s, labeled,
                                     unlabeled)
        labels = torch.cat([s.gt_label
                            for s in labeled]).to(feats_l[-1].device)
        keep = torch.bernoulli(self.keep_probability(labels))
        losses['loss_abc_labeled'] = (
            F.cross_entropy(self.aux_head(feats_l), labels, reduction='none') *
            keep).mean()
        with torch.no_grad():
            confidence, pseudo = self.aux_head(feats_w).softmax(1).max(1)
            mask = torch.bernoulli(self.keep_probability(pseudo)) * (
                confidence >= self.threshold)
        losses['loss_abc_unlabeled'] = (
            F.cross_entropy(self.aux_head(feats_s), pseudo, reduction='none') *
            mask).mean()
        losses['abc_mask_rate'] = mask.mean()
        return losses

    def predict(self, inputs: torch.Tensor, data_samples=None, **kwargs):
        """The auxiliary balanced classifier's prediction."""
        return self.aux_head.predict(
            self.extract_feat(inputs), data_samples, **kwargs)
