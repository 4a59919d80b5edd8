"""FixMatch (Sohn et al., NeurIPS 2020) as an mmpretrain classifier."""
from typing import Dict, List, Tuple

import torch
import torch.nn.functional as F
from mmpretrain.models import ImageClassifier
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample


@MODELS.register_module()
class FixMatch(ImageClassifier):
    """An image classifier trained on labeled and unlabeled batches.

    A batch (from :class:`~mmlt.datasets.SemiSupervisedDataset`,
    :class:`~mmlt.datasets.SemiSupervisedSampler` and
    :class:`~mmlt.models.SemiSupervisedDataPreprocessor`) holds ``B``
    labeled images and ``mu B`` unlabeled ones, each unlabeled image in a
    weak and a strong view (``MultiView``). One backbone pass over all of
    them, in ``loss``, so mmengine's own ``train_step`` and DDP wrapper
    run it; the
    loss is the head's own loss on the labeled images (any mmlt loss) plus
    ``lambda_u`` times FixMatch's consistency term: the weak view's
    prediction, where its confidence reaches ``threshold``, is the hard
    pseudo-label of the strong view's cross-entropy, averaged over all
    ``mu B`` unlabeled images (Sohn et al., Eq. 4). Logged: ``loss_labeled``
    (the head's), ``loss_unlabeled``, ``mask_rate`` (the share of unlabeled
    images above the threshold). Prediction is the
    plain classifier's.

    Args:
        backbone, neck, head, data_preprocessor, init_cfg: See
            ``ImageClassifier``.
        threshold (float): tau. Defaults to 0.95 (FixMatch).
        lambda_u (float): Weight of the unlabeled term. Defaults to 1.
    """

    def __init__(self,
                 *args,
                 threshold: float = 0.95,
                 lambda_u: float = 1.0,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.threshold = threshold
        self.lambda_u = lambda_u

    def pseudo_labels(self, weak_logits: torch.Tensor,
                      samples: List[DataSample]) -> Tuple[torch.Tensor, ...]:
        """Hard pseudo-labels of the weak views and their mask (``samples``:
        the unlabeled images' data samples, for subclasses that keep
        per-image state)."""
        confidence, labels = weak_logits.softmax(1).max(1)
        return labels, confidence >= self.threshold

    def loss(self, inputs: torch.Tensor,
             data_samples: List[DataSample]) -> Dict[str, torch.Tensor]:
        """The losses of a batch of ``SemiSupervisedDataPreprocessor``:
        ``B`` labeled images (the samples with a ``gt_label``), then the
        ``mu B`` weak and the ``mu B`` strong views; one backbone pass."""
        num_labeled = sum('gt_label' in s for s in data_samples)
        num_unlabeled = len(data_samples) - num_labeled
        if len(inputs) != num_labeled + 2 * num_unlabeled:
            raise ValueError(
                f'FixMatch: {len(inputs)} images for {num_labeled} labeled '
                f'and {num_unlabeled} unlabeled samples; build batches with '
                'SemiSupervisedDataset, SemiSupervisedSampler and '
                'SemiSupervisedDataPreprocessor.')
        feats = self.extract_feat(inputs)
        feats_l, feats_w, feats_s = zip(
            *(f.split([num_labeled, num_unlabeled, num_unlabeled])
              for f in feats))
        return self.semi_losses(feats_l, feats_w, feats_s,
                                data_samples[:num_labeled],
                                data_samples[num_labeled:])

    def semi_losses(self, feats_l: Tuple[torch.Tensor],
                    feats_w: Tuple[torch.Tensor], feats_s: Tuple[torch.Tensor],
                    labeled: List[DataSample],
                    unlabeled: List[DataSample]) -> Dict[str, torch.Tensor]:
        """The losses of one batch from the features of its labeled images
        and of the unlabeled images' weak and strong views (keys without
        ``loss`` are logged, not summed)."""
        # the head's ``loss`` logged as ``loss_labeled``: mmengine's
        # ``loss`` is the total
        losses = {
            'loss_labeled' if k == 'loss' else k: v
            for k, v in self.head.loss(feats_l, labeled).items()
        }
        with torch.no_grad():
            labels, mask = self.pseudo_labels(self.head(feats_w), unlabeled)
        per_image = F.cross_entropy(
            self.head(feats_s), labels, reduction='none')
        losses['loss_unlabeled'] = self.lambda_u * (per_image * mask).mean()
        losses['mask_rate'] = mask.float().mean()
        return losses
