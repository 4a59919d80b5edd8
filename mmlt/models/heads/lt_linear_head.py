"""Linear heads with class counts, post-hoc adjustment and weight terms."""
from typing import List, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.models.heads import LinearClsHead
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from ..utils import ClassCountsMixin


@MODELS.register_module()
class LTLinearClsHead(ClassCountsMixin, LinearClsHead):
    """mmpretrain's linear head plus what long-tailed methods hang on it.

    - ``posthoc``: an adjuster applied in ``predict`` only
      (:class:`AdditiveLogitAdjust`, :class:`MultiplicativeLogitAdjust`,
      :class:`TauNormalize`, :class:`ThresholdMoving`). A checkpoint trained
      with mmpretrain's ``LinearClsHead`` loads into this head, so a test
      config can switch an adjustment on alone.
    - ``weight_reg``: a regulariser of the class weight vectors, e.g.
      :class:`~mmlt.models.LWRLoss`, logged as ``loss_<name>``.

    Example:
        >>> head = dict(type='LTLinearClsHead', num_classes=100,
        ...             in_channels=64,
        ...             loss=dict(type='BalancedSoftmaxLoss', num_classes=100),
        ...             weight_reg=dict(type='LWRLoss', in_channels=64),
        ...             posthoc=dict(type='AdditiveLogitAdjust', tau=1.0))

    - ``feat_reg``: feature regularisation ``lambda / 2 * mean_i ||f_i||^2``
      ("Exploring Weight Balancing on Long-Tailed Recognition Problem"),
      logged as ``loss_feat``.

    Args:
        posthoc (dict, optional): Config of the prediction-time adjuster.
        weight_reg (dict, optional): Config of the weight regulariser.
        feat_reg (float): lambda of the feature regularisation; 0 is off.
        **kwargs: Arguments of ``LinearClsHead``.
    """

    def __init__(self,
                 *args,
                 posthoc: Optional[dict] = None,
                 weight_reg: Optional[dict] = None,
                 feat_reg: float = 0.0,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.feat_reg = feat_reg
        self.init_class_counts(self.num_classes)
        self.posthoc = None if posthoc is None else MODELS.build(posthoc)
        self.weight_reg = (None if weight_reg is None else
                           MODELS.build(weight_reg))

    @property
    def class_weight_vectors(self) -> torch.Tensor:
        """The ``(C, d)`` class weight vectors regularisers act on."""
        return self.fc.weight

    def logits(self, pre_logits: torch.Tensor) -> torch.Tensor:
        return self.fc(pre_logits)

    def forward(self, feats: Tuple[torch.Tensor]) -> torch.Tensor:
        return self.logits(self.pre_logits(feats))

    def loss(self, feats: Tuple[torch.Tensor],
             data_samples: List[DataSample], **kwargs) -> dict:
        pre_logits = self.pre_logits(feats)
        losses = self._get_loss(self.logits(pre_logits), data_samples,
                                **kwargs)
        if self.feat_reg:
            losses['loss_feat'] = self.feat_reg / 2 * pre_logits.pow(2).sum(
                1).mean()
        if self.weight_reg is not None:
            losses[f'loss_{self.weight_reg.name}'] = self.weight_reg(
                self.class_weight_vectors)
        return losses

    def predict(self,
                feats: Tuple[torch.Tensor],
                data_samples: Optional[List[DataSample]] = None
                ) -> List[DataSample]:
        if self.posthoc is None:
            return super().predict(feats, data_samples)
        self.check_class_counts()
        cls_score = self.posthoc(self, self.pre_logits(feats))
        return self._get_predictions(cls_score, data_samples)


@MODELS.register_module()
class NormedLinearClsHead(LTLinearClsHead):
    """Cosine classifier: ``z_c = cos(f, w_c)`` without bias (LDAM-DRW's
    ``NormedLinear``); the training scale lives in the loss (``LDAMLoss.s``).

    Args:
        predict_scale (float): Multiplies the cosines in eval mode, so that
            predicted probabilities are the softmax the loss trained (set it
            to the loss's ``s``); argmax predictions do not depend on it.
            Defaults to 1.
    """

    def __init__(self, *args, predict_scale: float = 1.0, init_cfg=None,
                 **kwargs):
        super().__init__(*args, init_cfg=init_cfg, **kwargs)
        self.fc = nn.Linear(self.in_channels, self.num_classes, bias=False)
        nn.init.uniform_(self.fc.weight, -1, 1)  # as LDAM-DRW; norm unused
        self.predict_scale = predict_scale

    def logits(self, pre_logits: torch.Tensor) -> torch.Tensor:
        cos = F.linear(
            F.normalize(pre_logits, dim=1), F.normalize(self.fc.weight,
                                                        dim=1))
        return cos if self.training else self.predict_scale * cos


@MODELS.register_module()
class LWSHead(LTLinearClsHead):
    """Learnable weight scaling (Kang et al., ICLR 2020, Sec. 4.2):
    ``z_c = s_c * (w_c^T f + b_c)`` with a learnable scale ``s_c``
    initialised to 1. Train only ``scales`` in the re-balancing stage
    (freeze ``head.fc``, see :class:`~mmlt.engine.hooks.ClassifierStageHook`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scales = nn.Parameter(torch.ones(self.num_classes))

    def logits(self, pre_logits: torch.Tensor) -> torch.Tensor:
        return self.fc(pre_logits) * self.scales


@MODELS.register_module()
class NCMHead(LTLinearClsHead):
    """Nearest class mean classifier (Kang et al., ICLR 2020, Sec. 4.2).

    Trains like :class:`LTLinearClsHead`; predicts with the cosine between
    the L2-normalised feature and each class mean of L2-normalised training
    features, ``class_means``, which
    :class:`~mmlt.engine.hooks.ClassMeanHook` computes before evaluation
    and checkpoints keep. The scores are cosines, so calibration figures
    (ECE) of this head are not meaningful.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register_buffer('class_means',
                             torch.zeros(self.num_classes, self.in_channels))

    def predict(self,
                feats: Tuple[torch.Tensor],
                data_samples: Optional[List[DataSample]] = None
                ) -> List[DataSample]:
        if not self.class_means.abs().sum() > 0:
            raise RuntimeError('NCMHead has no class means: add '
                               "dict(type='ClassMeanHook') to `custom_hooks`.")
        unit = F.normalize(self.pre_logits(feats), dim=1)
        cls_score = unit @ F.normalize(self.class_means, dim=1).t()
        return self._get_predictions(cls_score, data_samples)


def simplex_etf(num_classes: int, dim: int, seed: int = 0) -> torch.Tensor:
    """``(K, d)`` rows of a simplex ETF: ``sqrt(K/(K-1)) U (I - 11^T/K)``
    transposed, ``U`` a ``d x K`` matrix with orthonormal columns drawn from
    a generator seeded with ``seed``. Rows have unit norm and pairwise
    cosine ``-1/(K-1)``."""
    if dim < num_classes:
        raise ValueError(f'A simplex ETF of {num_classes} classes needs '
                         f'features of at least {num_classes} dimensions, '
                         f'got in_channels={dim}.')
    generator = torch.Generator().manual_seed(seed)
    u, _ = torch.linalg.qr(
        torch.randn(dim, num_classes, generator=generator,
                    dtype=torch.float64))
    center = torch.eye(num_classes, dtype=torch.float64) - 1.0 / num_classes
    etf = (num_classes / (num_classes - 1))**0.5 * u @ center
    return etf.t().float()


@MODELS.register_module()
class ETFHead(LTLinearClsHead):
    """Fixed simplex-ETF classifier (Yang et al., NeurIPS 2022): ``fc`` has
    no bias and its weight is the frozen :func:`simplex_etf`.

    Args:
        etf_seed (int): Seed of the random orthonormal basis. Defaults to 0.
        feat_norm (bool): Batch-normalise then L2-normalise the features
            before the classifier, as Yang et al. do for the dot-regression
            loss. Defaults to False.
    """

    def __init__(self, *args, etf_seed: int = 0, feat_norm: bool = False,
                 init_cfg=None, **kwargs):
        super().__init__(*args, init_cfg=init_cfg, **kwargs)
        self.fc = nn.Linear(self.in_channels, self.num_classes, bias=False)
        self.fc.weight = nn.Parameter(
            simplex_etf(self.num_classes, self.in_channels, etf_seed),
            requires_grad=False)
        self.feat_bn = nn.BatchNorm1d(self.in_channels) if feat_norm else None

    def pre_logits(self, feats: Tuple[torch.Tensor]) -> torch.Tensor:
        feat = feats[-1]
        if self.feat_bn is not None:
            feat = F.normalize(self.feat_bn(feat), dim=1)
        return feat
