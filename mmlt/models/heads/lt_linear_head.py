"""Linear heads with class counts, post-hoc adjustment and weight terms."""
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.models.heads import LinearClsHead
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from ..utils import ClassCountsMixin
from .posthoc import PosthocInputs
from .sizes import fill_sizes


@MODELS.register_module()
class LTLinearClsHead(ClassCountsMixin, LinearClsHead):
    """mmpretrain's linear head plus what long-tailed methods hang on it.

    - ``posthoc``: an adjuster of the prediction
      (:class:`AdditiveLogitAdjust`, :class:`MultiplicativeLogitAdjust`,
      :class:`TauNormalize`, :class:`ThresholdMoving`). ``forward`` applies
      it in eval mode, so the tensor mode and ``predict`` (the softmax of
      ``forward``, as in mmpretrain) agree; ``loss`` always uses the plain
      logits. A checkpoint trained with mmpretrain's ``LinearClsHead`` loads
      into this head, so a test config can switch an adjustment on alone.
    - ``weight_reg``: a regulariser of the class weight vectors, e.g.
      :class:`~mmlt.models.LWRLoss`, logged as ``loss_<name>``.
    - ``feat_reg``: feature regularisation ``lambda / 2 * mean_i ||f_i||^2``
      ("Exploring Weight Balancing on Long-Tailed Recognition Problem"),
      logged as ``loss_feat``.
    - ``mid_channels``: hidden fully connected layers (each followed by
      ReLU) before the classifier ``fc``, as mmpretrain's
      ``StackedLinearClsHead``; their output is the head's ``pre_logits``,
      which the post-hoc adjusters and ``feat_reg`` read (FACoG's f_cls).

    The head fills its ``num_classes`` into ``loss`` and its
    ``num_classes`` / ``in_channels`` into ``weight_reg`` where their types
    take them (:func:`fill_sizes`); a config that gives another value is an
    error.

    Example:
        >>> head = dict(type='LTLinearClsHead', num_classes=100,
        ...             in_channels=64,
        ...             loss=dict(type='BalancedSoftmaxLoss'),
        ...             weight_reg=dict(type='LWRLoss'),
        ...             posthoc=dict(type='AdditiveLogitAdjust', tau=1.0))

    Args:
        num_classes (int): Number of classes.
        in_channels (int): Dimension of the features.
        loss (dict): Config of the loss. Defaults to
            ``dict(type='CrossEntropyLoss', loss_weight=1.0)``.
        posthoc (dict, optional): Config of the prediction-time adjuster.
        weight_reg (dict, optional): Config of the weight regulariser.
        feat_reg (float): lambda of the feature regularisation; 0 is off.
        mid_channels (Sequence[int]): Widths of the hidden layers. Defaults
            to none.
        **kwargs: Other arguments of ``LinearClsHead``.
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 loss: dict = dict(type='CrossEntropyLoss', loss_weight=1.0),
                 posthoc: Optional[dict] = None,
                 weight_reg: Optional[dict] = None,
                 feat_reg: float = 0.0,
                 mid_channels: Sequence[int] = (),
                 **kwargs):
        owner = type(self).__name__
        super().__init__(
            num_classes,
            in_channels,
            loss=fill_sizes(loss, 'loss', owner, num_classes=num_classes),
            **kwargs)
        dims = [in_channels, *mid_channels]
        self.hidden = nn.Sequential(*[
            layer for d_in, d_out in zip(dims[:-1], dims[1:])
            for layer in (nn.Linear(d_in, d_out), nn.ReLU(inplace=True))
        ])
        if mid_channels:
            self.fc = nn.Linear(dims[-1], num_classes)
        self.feat_reg = feat_reg
        self.init_class_counts(self.num_classes)
        self.posthoc = None if posthoc is None else MODELS.build(posthoc)
        self.weight_reg = None if weight_reg is None else MODELS.build(
            fill_sizes(
                weight_reg,
                'weight_reg',
                owner,
                num_classes=num_classes,
                in_channels=dims[-1]))

    def pre_logits(self, feats: Tuple[torch.Tensor]) -> torch.Tensor:
        """The last stage's features through the hidden layers."""
        return self.hidden(super().pre_logits(feats))

    @property
    def class_weight_vectors(self) -> torch.Tensor:
        """The ``(C, d)`` class weight vectors regularisers act on."""
        return self.fc.weight

    def logits(self, pre_logits: torch.Tensor) -> torch.Tensor:
        """The classifier's ``(N, C)`` logits of the features."""
        return self.fc(pre_logits)

    def posthoc_inputs(self, pre_logits: torch.Tensor) -> PosthocInputs:
        """What a post-hoc adjuster reads of this head for the features
        ``pre_logits``; raises if the class counts never arrived."""
        return PosthocInputs(
            feats=pre_logits,
            logits=self.logits(pre_logits),
            weight=self.class_weight_vectors,
            bias=self.fc.bias,
            class_counts=self.class_counts,
            log_prior=self.log_prior)

    def forward(self, feats: Tuple[torch.Tensor]) -> torch.Tensor:
        """The logits; in eval mode with ``posthoc``, the adjusted scores."""
        pre_logits = self.pre_logits(feats)
        if self.training or self.posthoc is None:
            return self.logits(pre_logits)
        return self.posthoc(self.posthoc_inputs(pre_logits))

    def loss(self, feats: Tuple[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> dict:
        pre_logits = self.pre_logits(feats)
        # the plain logits whatever the mode: ``posthoc`` is not trained
        losses = self._get_loss(
            self.logits(pre_logits), data_samples, **kwargs)
        if self.feat_reg:
            losses['loss_feat'] = self.feat_reg / 2 * pre_logits.pow(2).sum(
                1).mean()
        if self.weight_reg is not None:
            losses[f'loss_{self.weight_reg.name}'] = self.weight_reg(
                self.class_weight_vectors)
        return losses


class NormedLinear(nn.Linear):
    """Cosine layer without bias: ``z_c = cos(f, w_c)``.

    Initialised as LDAM-DRW's ``NormedLinear`` (Cao et al., NeurIPS 2019,
    ``models/resnet_cifar.py``): entries uniform in [-1, 1], each class
    vector rescaled to unit norm. The output ignores ``||w_c||``, but its
    gradient scales as ``1 / ||w_c||``, so the norm sets the step size of
    the directions (without rescaling, d = 64 gives norms near 4.6).
    ``reset_parameters`` draws it again (a re-initialised stage).
    """

    def __init__(self, in_features: int, out_features: int):
        super().__init__(in_features, out_features, bias=False)

    @torch.no_grad()
    def reset_parameters(self) -> None:
        self.weight.uniform_(-1, 1)
        self.weight.div_(self.weight.norm(dim=1, keepdim=True))

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        return F.linear(
            F.normalize(feats, dim=1), F.normalize(self.weight, dim=1))


@MODELS.register_module()
class NormedLinearClsHead(LTLinearClsHead):
    """Cosine classifier: ``fc`` is a :class:`NormedLinear` (LDAM-DRW's
    ``NormedLinear``, its unit-norm initialisation included).

    Args:
        scale (float): Multiplies the cosines in training and in eval mode,
            for losses that take plain logits (balanced softmax, CE; the
            benchmark's head ablations). Keep 1 for
            ``LDAMLoss``, which applies its margin to the cosines and its
            own scale ``s`` after it. Defaults to 1.
        predict_scale (float): Multiplies the (scaled) cosines in eval mode
            only, so that predicted probabilities are the softmax the loss
            trained (set it to ``LDAMLoss.s``); argmax predictions do not
            depend on it. Defaults to 1.
    """

    def __init__(self,
                 *args,
                 scale: float = 1.0,
                 predict_scale: float = 1.0,
                 init_cfg=None,
                 **kwargs):
        super().__init__(*args, init_cfg=init_cfg, **kwargs)
        self.fc = NormedLinear(self.fc.in_features, self.num_classes)
        self.scale = scale
        self.predict_scale = predict_scale

    def logits(self, pre_logits: torch.Tensor) -> torch.Tensor:
        logits = self.scale * self.fc(pre_logits)
        return logits if self.training else self.predict_scale * logits


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

    Trains like :class:`LTLinearClsHead`; in eval mode ``forward`` (hence
    ``predict``) scores each class by the similarity of the normalised
    feature (:meth:`normalize_features`) to ``class_means``, the class
    means of the normalised training features, which
    :class:`~mmlt.engine.hooks.ClassMeanHook` computes before evaluation
    and checkpoints keep. The scores are similarities, so calibration
    figures (ECE) of this head are not meaningful.

    The defaults are mmlt's reading (and the benchmark's): L2-normalised
    features, cosine to the class means. classifier-balancing's
    ``KNNClassifier`` defaults to ``centred=True, similarity='l2'``
    (``feat_type='cl2n'``, ``dist_type='l2'``): the mean training feature
    subtracted before normalising, minus the squared Euclidean distance to
    the (not renormalised) class means.

    Args:
        centred (bool): Subtract the mean training feature ``feat_mean``
            (a buffer, filled with the class means) before L2 normalising.
            Defaults to False.
        similarity (str): ``'cosine'`` or ``'l2'`` (minus the squared
            Euclidean distance). Defaults to ``'cosine'``.
    """
    SIMILARITIES = ('cosine', 'l2')

    def __init__(self,
                 *args,
                 centred: bool = False,
                 similarity: str = 'cosine',
                 **kwargs):
        super().__init__(*args, **kwargs)
        if self.posthoc is not None:
            raise ValueError(
                'NCMHead predicts with class means, not with its linear '
                'classifier: `posthoc` does not apply; remove it.')
        if similarity not in self.SIMILARITIES:
            raise ValueError(f'NCMHead: unknown `similarity` {similarity!r}; '
                             f'choose from {self.SIMILARITIES}.')
        self.centred = centred
        self.similarity = similarity
        self.register_buffer(
            'class_means', torch.zeros(self.num_classes, self.fc.in_features))
        if centred:
            self.register_buffer('feat_mean', torch.zeros(self.fc.in_features))

    def normalize_features(self, feats: torch.Tensor) -> torch.Tensor:
        """``(N, d)`` features as the class means are taken of: centred on
        ``feat_mean`` if ``centred``, then L2-normalised."""
        if self.centred:
            feats = feats - self.feat_mean
        return F.normalize(feats, dim=1)

    def forward(self, feats: Tuple[torch.Tensor]) -> torch.Tensor:
        """The linear logits in training; in eval mode the similarities to
        the class means."""
        if self.training:
            return super().forward(feats)
        if not self.class_means.abs().sum() > 0:
            raise RuntimeError('NCMHead has no class means: add '
                               "dict(type='ClassMeanHook') to `custom_hooks`.")
        if self.centred and not self.feat_mean.abs().sum() > 0:
            raise RuntimeError(
                'NCMHead(centred=True) has no mean training feature: '
                '`feat_mean` must be filled with the class means.')
        unit = self.normalize_features(self.pre_logits(feats))
        if self.similarity == 'cosine':
            return unit @ F.normalize(self.class_means, dim=1).t()
        means = self.class_means  # -||x - c||^2 = 2 x.c - ||x||^2 - ||c||^2
        return 2 * unit @ means.t() - unit.pow(2).sum(
            1, keepdim=True) - means.pow(2).sum(1)


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
        torch.randn(
            dim, num_classes, generator=generator, dtype=torch.float64))
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

    def __init__(self,
                 *args,
                 etf_seed: int = 0,
                 feat_norm: bool = False,
                 init_cfg=None,
                 **kwargs):
        if kwargs.get('mid_channels'):
            raise ValueError('ETFHead classifies the backbone features with '
                             'a fixed ETF: `mid_channels` is not supported.')
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
