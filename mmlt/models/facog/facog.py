"""FACoG: feature augmentation with a contrastive-learning-based generative
model (Park et al., ICCV 2023 workshops)."""
import math
from typing import Dict, List, Optional, Tuple, Union

import torch
import torch.nn as nn
from mmengine.logging import MessageHub
from mmengine.model import is_model_wrapper
from mmengine.optim import OptimWrapperDict
from mmpretrain.models import ImageClassifier
from mmpretrain.registry import MODELS

from ..heads import fill_sizes
from ..utils import ClassCountsMixin
from .feature_dictionary import FeatureDictionary
from .gan import ConvexWeightGenerator, lsgan_d_loss, lsgan_g_loss, mlp

LABEL_SAMPLING = ('deficit', 'inverse', 'uniform')
AUGMENT = ('generator', 'resample', 'smote')


def _inner(module: nn.Module) -> nn.Module:
    """The module itself under a DDP wrapper (MMSeparateDistributedDataParallel
    wraps each child)."""
    return module.module if is_model_wrapper(module) else module


@MODELS.register_module()
class FACoG(ClassCountsMixin, ImageClassifier):
    """Classifier trained in FACoG's two phases.

    **Phase 1** (Sec. 3.2, 3.4): the batch carries three views of each image
    (``MultiView``): the classifier view and two views for the projection
    branch. One backbone pass over all three;
    ``L = lambda_ce * CE(f_cls) + lambda_sc * L_sc(f_proj)`` (Eq. 1, the
    two projection views as the contrastive batch). Optimiser ``main``.

    **Phase 2** (Sec. 3.3, 3.4), set by :class:`~mmlt.engine.hooks.FACoGHook`
    after it builds :attr:`dictionary` from the frozen backbone: a batch is
    real dictionary features and labels (the long-tailed training set, one
    pass an epoch); each iteration alternates

    1. D (optimiser ``discriminator``): least-squares loss of Eq. (3) on
       features generated for uniformly drawn classes ("features for each
       class are chosen with the same probability" when learning G,
       Sec. 3.4) and, as its real side, one dictionary feature of each of
       those classes: Eq. (3) compares p_c^d with p_c^g class by class, so a
       class-conditional D cannot tell the two sides apart by their labels;
    2. G (optimiser ``generator``): ``lambda_adv * L_adv + lambda_asc *
       L_asc`` (Eq. 5); ``L_asc`` (Eq. 4) is the supervised contrastive loss
       through f_proj with the generated features as the anchors and the
       real and generated features of the anchor's class as the positives.
       Sec. 3.4 trains G and D in phase 2 and fine-tunes f_cls; f_proj stays
       as phase 1 left it unless the ``generator`` optimiser lists it;
    3. f_cls (optimiser ``classifier``): the head's loss on the real batch
       plus as many extra features for classes drawn by
       ``cls_label_sampling``: generated ones, or, with G and D not trained,
       the controls that ask whether generation matters: real dictionary
       features of those classes drawn again (``augment='resample'``, cRT's
       re-sampling on the frozen features) or SMOTE features, points on the
       segment between a dictionary feature and one of its ``smote_k``
       nearest same-class neighbours (``augment='smote'``,
       :meth:`FeatureDictionary.smote`; a convex combination of two
       features where G learns one of ``N_s``).

    A generated feature is ``sum_k w_k d_k`` with ``w = G(n | c)`` and
    ``d_1..d_Ns`` drawn from class c of the dictionary. ``lambda_adv=0``
    (no D) and ``lambda_asc=0`` are the ablations of Table 4. Each G step
    logs ``g_entropy``, the mean entropy of the convex weights over its
    maximum ``ln N_s`` (1: uniform weights, the mean of the draws; 0: one
    real draw).

    Class selection for f_cls (``cls_label_sampling``), Sec. 3.4 "adopts the
    way that calculates the probability of selecting a label suggested in"
    GAMO: ``'deficit'`` ``p(c) ∝ n_max - n_c`` (GAMO's code; the default);
    ``'inverse'`` ``p(c) ∝ 1 / n_c`` (the Sec. 3.4 sentence read literally);
    ``'uniform'``.

    Args:
        backbone, neck, head (dict): f_back, pooling, f_cls. f_cls is the
            head (two FC layers with a nonlinearity:
            ``LTLinearClsHead`` with one ``mid_channels``); the
            head's ``num_classes`` is filled into its ``loss`` where the
            loss takes one (e.g. ``LogitAdjustedLoss``).
        projector (dict): ``in_channels``, ``hidden``, ``out_channels``
            (D_P) of f_proj, two FC layers with ReLU.
        generator (dict): :class:`ConvexWeightGenerator` config;
            ``num_classes`` is filled in.
        discriminator (dict): :class:`FeatureDiscriminator` config;
            ``in_channels`` (of ``projector``) and ``num_classes`` are
            filled in. A config that gives another size than these is an
            error (:func:`~mmlt.models.fill_sizes`).
        contrastive_loss (dict): Defaults to ``SupConLoss`` with tau 0.1.
        lambda_ce, lambda_sc, lambda_adv, lambda_asc (float): 1.0, 0.1, 1.0,
            0.1 as in the paper.
        cls_label_sampling (str): See above. Defaults to ``'deficit'``.
        augment (str): ``'generator'`` (FACoG), ``'resample'`` or
            ``'smote'`` (the controls; need ``lambda_adv = lambda_asc =
            0``).
        smote_k (int): Neighbours of ``augment='smote'``. Defaults to 5
            (Chawla et al.).
    """

    def __init__(self,
                 backbone: dict,
                 head: dict,
                 projector: dict,
                 neck: Optional[dict] = None,
                 generator: dict = dict(type='ConvexWeightGenerator'),
                 discriminator: dict = dict(type='FeatureDiscriminator'),
                 contrastive_loss: dict = dict(
                     type='SupConLoss', temperature=0.1),
                 lambda_ce: float = 1.0,
                 lambda_sc: float = 0.1,
                 lambda_adv: float = 1.0,
                 lambda_asc: float = 0.1,
                 cls_label_sampling: str = 'deficit',
                 augment: str = 'generator',
                 smote_k: int = 5,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None):
        num_classes = head['num_classes']
        if 'loss' in head:
            head = dict(
                head,
                loss=fill_sizes(
                    head['loss'],
                    'head.loss',
                    'FACoG',
                    num_classes=num_classes))
        super().__init__(
            backbone=backbone,
            neck=neck,
            head=head,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        if cls_label_sampling not in LABEL_SAMPLING:
            raise ValueError(f'cls_label_sampling must be one of '
                             f'{LABEL_SAMPLING}, got {cls_label_sampling!r}.')
        if augment not in AUGMENT:
            raise ValueError(
                f'augment must be one of {AUGMENT}, got {augment!r}.')
        if augment != 'generator' and (lambda_adv > 0 or lambda_asc > 0):
            raise ValueError(
                f'augment={augment!r} trains no generator: set lambda_adv=0 '
                f'and lambda_asc=0 (got {lambda_adv}, {lambda_asc}).')
        self.init_class_counts(num_classes)
        self.projector = mlp([
            projector['in_channels'], projector['hidden'],
            projector['out_channels']
        ])
        self.generator = MODELS.build(
            fill_sizes(
                generator, 'generator', 'FACoG', num_classes=num_classes))
        self.discriminator = MODELS.build(
            fill_sizes(
                discriminator,
                'discriminator',
                'FACoG',
                in_channels=projector['in_channels'],
                num_classes=num_classes))
        self.contrastive_loss = MODELS.build(contrastive_loss)
        self.lambda_ce = lambda_ce
        self.lambda_sc = lambda_sc
        self.lambda_adv = lambda_adv
        self.lambda_asc = lambda_asc
        self.cls_label_sampling = cls_label_sampling
        self.augment = augment
        self.smote_k = smote_k
        self.phase = 1
        self.dictionary: Optional[FeatureDictionary] = None

    # ----------------------------------------------------------- prediction
    def predict(self, inputs: torch.Tensor, data_samples=None, **kwargs):
        return _inner(self.head).predict(
            self.extract_feat(inputs), data_samples, **kwargs)

    # ------------------------------------------------------------- training
    def train_step(self, data: Union[dict, list],
                   optim_wrapper: OptimWrapperDict) -> Dict[str, torch.Tensor]:
        if self.phase == 1:
            return self._phase1_step(data, optim_wrapper['main'])
        return self._phase2_step(data, optim_wrapper)

    def _head_loss(self, feats: torch.Tensor,
                   labels: torch.Tensor) -> torch.Tensor:
        logits = self.head((feats, ))
        return _inner(self.head).loss_module(
            logits, labels, avg_factor=len(labels))

    def _phase1_step(self, data: dict,
                     optim_wrapper) -> Dict[str, torch.Tensor]:
        with optim_wrapper.optim_context(self):
            data = self.data_preprocessor(data, True)
            views: List[torch.Tensor] = data['inputs']
            if not isinstance(views, list) or len(views) != 3:
                raise ValueError(
                    'FACoG phase 1 needs three views per image (classifier '
                    'view, two projection views): use MultiView with '
                    'num_views=[1, 2] in the training pipeline and '
                    'MultiViewClsDataPreprocessor.')
            labels = torch.cat([s.gt_label for s in data['data_samples']])
            batch = len(labels)
            feats = self.extract_feat(torch.cat(views))[-1]
            z = self.projector(feats[batch:])
            losses = dict(
                loss_ce=self.lambda_ce *
                self._head_loss(feats[:batch], labels),
                loss_sc=self.lambda_sc *
                self.contrastive_loss(z, labels.repeat(2)))
        parsed, log_vars = self.parse_losses(losses)
        optim_wrapper.update_params(parsed)
        return log_vars

    def _generate(self, labels: torch.Tensor) -> Tuple[torch.Tensor, ...]:
        """Generated features ``(B, d)`` for ``labels`` and their convex
        weights ``(B, N_s)``."""
        weights = self.generator(labels)
        samples = self.dictionary.sample(
            labels,
            _inner(self.generator).num_samples).to(weights.device)
        return ConvexWeightGenerator.combine(weights, samples), weights

    def _real(self, labels: torch.Tensor) -> torch.Tensor:
        """One dictionary feature ``(B, d)`` of each label's class."""
        return self.dictionary.sample(labels, 1)[:, 0].to(labels.device)

    def _extra(self, labels: torch.Tensor) -> torch.Tensor:
        """The extra features of f_cls's batch for ``labels``."""
        if self.augment == 'resample':
            return self._real(labels)
        if self.augment == 'smote':
            return self.dictionary.smote(labels,
                                         self.smote_k).to(labels.device)
        return self._generate(labels)[0]

    def _cls_labels(self, num: int, device) -> torch.Tensor:
        """Classes of the features generated for f_cls."""
        self.check_class_counts()
        counts = self.class_counts.float()
        if self.cls_label_sampling == 'inverse':
            probs = 1.0 / counts
        elif self.cls_label_sampling == 'deficit':
            probs = counts.max() - counts
        else:
            probs = torch.ones_like(counts)
        if probs.sum() <= 0:  # balanced data has no deficit
            probs = torch.ones_like(counts)
        return torch.multinomial(probs, num, replacement=True).to(device)

    @staticmethod
    def _check_finite(name: str, loss: torch.Tensor) -> None:
        value = float(loss.detach())
        if not math.isfinite(value):
            it = MessageHub.get_current_instance().get_info('iter')
            raise FloatingPointError(
                f'FACoG phase 2, iteration {it}: the {name} loss is {value}; '
                'training stopped (lower the phase-2 learning rates).')

    def _phase2_step(
            self, data: list,
            optim_wrapper: OptimWrapperDict) -> Dict[str, torch.Tensor]:
        device = self.class_counts.device
        real = data[0].float().to(device)
        labels = data[1].long().to(device)
        batch = len(labels)
        log_vars = {}
        if self.lambda_adv > 0 or self.lambda_asc > 0:
            log_vars = self._generator_step(batch, optim_wrapper)
        cls_labels = self._cls_labels(batch, device)
        with torch.no_grad():
            extra = self._extra(cls_labels)
        wrapper = optim_wrapper['classifier']
        with wrapper.optim_context(self.head):
            loss_cls = self._head_loss(
                torch.cat([real, extra]), torch.cat([labels, cls_labels]))
        wrapper.update_params(loss_cls)
        log_vars['loss_cls'] = loss_cls.detach()
        log_vars['loss'] = sum(v for k, v in log_vars.items()
                               if k.startswith('loss'))
        return log_vars

    def _generator_step(
            self, batch: int,
            optim_wrapper: OptimWrapperDict) -> Dict[str, torch.Tensor]:
        """Steps 1 and 2 of phase 2: D, then G, on ``batch`` uniformly drawn
        classes and one real dictionary feature of each."""
        device = self.class_counts.device
        classes = torch.randint(
            self.class_counts.numel(), (batch, ), device=device)
        real = self._real(classes)
        both = torch.cat([classes, classes])
        log_vars = {}
        if self.lambda_adv > 0:
            with torch.no_grad():
                fake = self._generate(classes)[0]
            wrapper = optim_wrapper['discriminator']
            with wrapper.optim_context(self.discriminator):
                scores = self.discriminator(torch.cat([real, fake]), both)
                loss_d = lsgan_d_loss(scores[:batch], scores[batch:])
            self._check_finite('discriminator', loss_d)
            wrapper.update_params(loss_d)
            log_vars['loss_d'] = loss_d.detach()
        wrapper = optim_wrapper['generator']
        with wrapper.optim_context(self.generator):
            fake, weights = self._generate(classes)
            loss_g = fake.new_zeros(())
            if self.lambda_adv > 0:
                loss_adv = lsgan_g_loss(self.discriminator(fake, classes))
                loss_g = loss_g + self.lambda_adv * loss_adv
                log_vars['loss_adv'] = loss_adv.detach()
            if self.lambda_asc > 0:
                loss_asc = self.contrastive_loss(
                    self.projector(torch.cat([real, fake])), both,
                    torch.arange(2 * batch, device=device) >= batch)
                loss_g = loss_g + self.lambda_asc * loss_asc
                log_vars['loss_asc'] = loss_asc.detach()
        self._check_finite('generator', loss_g)
        wrapper.update_params(loss_g)
        # the G step's gradients on D (and on f_proj when G's optimiser
        # does not hold it) are not applied
        if self.lambda_adv > 0:
            optim_wrapper['discriminator'].zero_grad()
        self.projector.zero_grad(set_to_none=True)
        if weights.shape[1] > 1:
            entropy = -(weights * weights.clamp_min(1e-12).log()).sum(1)
            log_vars['g_entropy'] = (entropy.mean() /
                                     math.log(weights.shape[1])).detach()
        return log_vars
