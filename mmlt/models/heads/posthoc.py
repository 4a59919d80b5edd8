"""Post-hoc classifier adjustments, applied at prediction time only.

An adjuster is called with one :class:`PosthocInputs`, what it may read of
the head, and returns the adjusted ``(N, C)`` scores:

- ``feats``: the ``(N, d)`` features (the head's ``pre_logits``);
- ``logits``: the head's ``(N, C)`` logits of ``feats``;
- ``weight``, ``bias``: the classifier's ``(C, d)`` class weight vectors and
  ``(C, )`` bias (``None`` for a head without one);
- ``class_counts``: the ``(C, )`` float64 training counts ``n_c``;
- ``log_prior``: ``log pi_c = log(n_c / N)``, float32.

:class:`~mmlt.models.LTLinearClsHead` builds it
(:meth:`~mmlt.models.LTLinearClsHead.posthoc_inputs`) and applies its
``posthoc`` adjuster in ``forward`` in eval mode, so ``predict`` and the
tensor mode agree and an adjustment can be switched on for a trained
checkpoint from the test config alone. To adjust features outside a
model::

    inputs = head.posthoc_inputs(feats)
    scores = MODELS.build(dict(type='AdditiveLogitAdjust', tau=0.5))(inputs)

Every adjuster declares the parameter that is tuned (``param``), the value
of it that leaves the prediction unchanged (``identity``; None where no
value does) and the coarse grid it is searched on by default (``grid``:
both directions where both are meaningful), for
:func:`mmlt.utils.posthoc_search.search_posthoc` and
:class:`~mmlt.engine.PosthocSearchHook`; :func:`at_value` gives the
adjuster at a searched value.
"""
import copy
from typing import NamedTuple, Optional, Sequence

import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS


class PosthocInputs(NamedTuple):
    """What a post-hoc adjuster reads of a head (see the module docstring).

    Args:
        feats (torch.Tensor): ``(N, d)`` features.
        logits (torch.Tensor): ``(N, C)`` logits of ``feats``.
        weight (torch.Tensor): ``(C, d)`` class weight vectors.
        bias (torch.Tensor, optional): ``(C, )`` bias of the classifier.
        class_counts (torch.Tensor): ``(C, )`` training counts, float64.
        log_prior (torch.Tensor): ``(C, )`` log class prior, float32.
    """
    feats: torch.Tensor
    logits: torch.Tensor
    weight: torch.Tensor
    bias: Optional[torch.Tensor]
    class_counts: torch.Tensor
    log_prior: torch.Tensor


def at_value(adjuster, value: Optional[float]):
    """A copy of ``adjuster`` with its ``param`` set to ``value``; None
    (no adjustment: the plain logits) when ``value`` is None."""
    if value is None:
        return None
    adjuster = copy.copy(adjuster)
    setattr(adjuster, type(adjuster).param, value)
    return adjuster


@MODELS.register_module()
class AdditiveLogitAdjust:
    """``z - tau * log pi`` (Menon et al., ICLR 2021, Eq. 9).

    Searched over tau in [-1, 3]: 0 leaves the logits unchanged, 1 is the
    paper's Bayes-optimal value for a calibrated model, tau < 0 moves
    towards the head classes (for a model that over-corrects).
    """
    param = 'tau'
    grid = tuple(i / 4 for i in range(-4, 13))
    identity = 0.0

    def __init__(self, tau: float = 1.0):
        self.tau = tau

    def __call__(self, inputs: PosthocInputs) -> torch.Tensor:
        return inputs.logits - self.tau * inputs.log_prior.to(inputs.logits)


@MODELS.register_module()
class MultiplicativeLogitAdjust:
    """Class weight vectors normalised, then scaled by ``n_c ** -gamma``
    (Kim & Kim, 2020): ``z_c = n_c^-gamma * (w_c / ||w_c||)^T f``.

    The bias is dropped: it is not part of a class weight vector, and next
    to normalised, rescaled weights an unscaled bias would decide alone.

    Searched over gamma in [-1, 1]: no gamma gives back the raw logits
    (gamma = 0 is "normalised weights, no bias", which may already
    over-correct), gamma < 0 moves back towards the head classes; the
    search also scores the unadjusted logits.
    """
    param = 'gamma'
    grid = tuple(i / 10 for i in range(-10, 11))
    identity = None

    def __init__(self, gamma: float = 1.0):
        self.gamma = gamma

    def __call__(self, inputs: PosthocInputs) -> torch.Tensor:
        counts = inputs.class_counts.to(inputs.feats)
        weight = F.normalize(inputs.weight, dim=1)
        return F.linear(inputs.feats, weight * counts[:, None]**-self.gamma)


@MODELS.register_module()
class TauNormalize:
    """tau-normalisation (Kang et al., ICLR 2020, Sec. 4.2):
    ``z_c = (w_c / ||w_c||^tau)^T f + b_c``.

    ``keep_bias=True`` (default, mmlt's reading and the benchmark's) adds
    the classifier bias unchanged; ``keep_bias=False`` drops it, as
    classifier-balancing's tau-norm code does (``f^T w_c / ||w_c||^tau``).
    Without the bias, tau = 0 gives the classifier's prediction only for a
    head that has none.

    Searched over tau in [0, 2]: 0 leaves the classifier unchanged, 1
    normalises it (Kang et al. search [0, 1]).

    Args:
        tau (float): The power of the norm. Defaults to 1.
        keep_bias (bool): Add the bias. Defaults to True.
    """
    param = 'tau'
    grid = tuple(i / 10 for i in range(0, 21))
    identity = 0.0

    def __init__(self, tau: float = 1.0, keep_bias: bool = True):
        self.tau = tau
        self.keep_bias = keep_bias
        if not keep_bias:  # tau = 0 still drops the bias
            self.identity = None

    def __call__(self, inputs: PosthocInputs) -> torch.Tensor:
        norms = inputs.weight.norm(dim=1, keepdim=True)
        return F.linear(inputs.feats, inputs.weight / norms**self.tau,
                        inputs.bias if self.keep_bias else None)


@MODELS.register_module()
class ThresholdMoving:
    """Threshold moving (Zhou & Liu, TKDE 2006): ``p*_i ∝ p_i (sum_j
    cost[i, j]) ** scale``, returned as ``log p*`` so that the head's
    softmax gives the moved, renormalised probabilities.

    ``scale`` = 1 is Zhou & Liu's rule; it scales the log-costs, so 0 leaves
    the prediction unchanged (searched over [0, 2]; multiplying the costs
    by a constant would change nothing after renormalisation).

    Args:
        cost (Sequence[Sequence[float]], optional): ``cost[i][j]``, the cost
            of predicting j for a sample of class i. Defaults to
            ``n_max / n_i`` off the diagonal and 0 on it, which makes the
            rule ``p*_i ∝ p_i / n_i``.
        scale (float): Power of the moving factors. Defaults to 1.
    """
    param = 'scale'
    grid = tuple(i / 10 for i in range(0, 21))
    identity = 0.0

    def __init__(self,
                 cost: Optional[Sequence[Sequence[float]]] = None,
                 scale: float = 1.0):
        self.cost = None if cost is None else torch.as_tensor(
            cost, dtype=torch.float64)
        self.scale = scale

    def __call__(self, inputs: PosthocInputs) -> torch.Tensor:
        counts = inputs.class_counts
        num_classes = counts.numel()
        if self.cost is None:
            cost = (counts.max() / counts)[:, None].expand(
                num_classes, num_classes).clone()
            cost.fill_diagonal_(0)
        else:
            cost = self.cost
            if cost.shape != (num_classes, num_classes):
                raise ValueError(
                    f'ThresholdMoving: `cost` is {tuple(cost.shape)}, the '
                    f'head has {num_classes} classes.')
        log_probs = F.log_softmax(inputs.logits, dim=1)
        if self.scale == 0:  # a class no cost row favours: 0 * log 0
            return log_probs
        return log_probs + self.scale * torch.log(cost.sum(1).to(log_probs))
