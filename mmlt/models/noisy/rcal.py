"""RCAL (Zhang et al., "Noisy label learning with representation
calibration", ICCV 2023) as an mmpretrain classifier."""
from typing import Dict, List, Optional

import torch
from mmpretrain.models import ImageClassifier
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from ..utils import SampleRowsMixin


@MODELS.register_module()
class RCALClassifier(SampleRowsMixin, ImageClassifier):
    """An image classifier trained from a contrastive encoder on noisy,
    long-tailed labels with RCAL's two calibrations (the tutorial's RCAL
    Algorithm 1, lines 11-14, and its loss Eq. (2)):

    ``L = L_head(h(f(x)), y) + beta * mean_i ||f(x_i) - z_i||^2
    + gamma * L_head(h(s), y_s)``

    - ``f`` starts from the contrastive pre-training (``load_from`` a
      SimCLR / MoCo checkpoint: its ``backbone.*``); ``z = f_0(x)`` is the
      frozen pre-trained encoder's feature of the same (augmented, mixed)
      input: the individual calibration, ``loss_reg`` (``reg_weight``
      beta; 0 leaves the frozen copy out);
    - ``s`` a batch of features drawn from the class-balanced set sampled
      from the calibrated class Gaussians of the pre-trained features
      (:class:`~mmlt.engine.hooks.RepresentationCalibrationHook` fills
      ``sampled_features`` / ``sampled_labels``, buffers: checkpoints carry
      them), through the linear head only: the distributional
      calibration, ``loss_sampled`` (``sample_weight`` gamma; 0 is off);
    - mixup of the images is mmpretrain's batch augment,
      ``train_cfg=dict(augments=dict(type='Mixup', alpha=...))``.

    Features are the neck's (pooled) output, the linear head's input.

    Example:
        >>> model = dict(type='RCALClassifier', reg_weight=0.1,
        ...              sample_weight=1.0,
        ...              train_cfg=dict(augments=dict(type='Mixup',
        ...                                           alpha=1.0)),
        ...              backbone=..., neck=..., head=...)
        >>> custom_hooks = [dict(type='RepresentationCalibrationHook')]

    Args:
        backbone, neck, head, train_cfg, data_preprocessor, init_cfg: See
            ``ImageClassifier``.
        reg_weight (float): beta. Defaults to 0.1.
        sample_weight (float): gamma. Defaults to 1.0.
        sample_batch_size (int, optional): Sampled features per step; by
            default the batch's size.
    """

    data_sized_buffers = ('sampled_features', 'sampled_labels')

    def __init__(self,
                 backbone: dict,
                 *args,
                 reg_weight: float = 0.1,
                 sample_weight: float = 1.0,
                 sample_batch_size: Optional[int] = None,
                 **kwargs):
        super().__init__(backbone, *args, **kwargs)
        if reg_weight < 0 or sample_weight < 0:
            raise ValueError('RCALClassifier: reg_weight and sample_weight '
                             f'must be >= 0, got {reg_weight}, '
                             f'{sample_weight}.')
        self.reg_weight = reg_weight
        self.sample_weight = sample_weight
        self.sample_batch_size = sample_batch_size
        self.reference = None
        if reg_weight > 0:
            self.reference = MODELS.build(backbone).requires_grad_(False)
        self.register_buffer('sampled_features', torch.zeros(0))
        self.register_buffer('sampled_labels',
                             torch.zeros(0, dtype=torch.long))
        # set once the hook has copied the reference and sampled (resume)
        self.register_buffer('calibrated', torch.tensor(False))

    def train(self, mode: bool = True):
        super().train(mode)
        if self.reference is not None:
            self.reference.eval()  # f_0 keeps its pre-training statistics
        return self

    def calibrate(self,
                  features: Optional[torch.Tensor] = None,
                  labels: Optional[torch.Tensor] = None) -> None:
        """Freeze the current encoder as ``f_0`` and keep the sampled
        ``features`` / ``labels`` (None where ``sample_weight`` is 0)."""
        if self.reference is not None:
            self.reference.load_state_dict(self.backbone.state_dict())
        if features is not None:
            device = self.calibrated.device
            self.sampled_features = features.to(device)
            self.sampled_labels = labels.to(device)
        self.calibrated.fill_(True)

    def loss(self, inputs: torch.Tensor,
             data_samples: List[DataSample]) -> Dict[str, torch.Tensor]:
        if not self.calibrated:
            raise RuntimeError(
                'RCALClassifier: not calibrated; add '
                "dict(type='RepresentationCalibrationHook') to custom_hooks.")
        feats = self.extract_feat(inputs)
        losses = self.head.loss(feats, data_samples)
        if self.reference is not None:
            with torch.no_grad():
                ref = self.reference(inputs)
                ref = self.neck(ref) if self.with_neck else ref
            losses['loss_reg'] = self.reg_weight * (
                (feats[-1] - ref[-1])**2).sum(1).mean()
        if self.sample_weight > 0:
            if len(self.sampled_labels) == 0:
                raise RuntimeError('RCALClassifier: sample_weight > 0 but '
                                   'no sampled features.')
            size = self.sample_batch_size or len(inputs)
            rows = torch.randint(
                len(self.sampled_labels), (size, ), device=inputs.device)
            samples = [
                DataSample().set_gt_label(y) for y in self.sampled_labels[rows]
            ]
            sampled = self.head.loss((self.sampled_features[rows], ), samples)
            losses['loss_sampled'] = self.sample_weight * sampled['loss']
        return losses
