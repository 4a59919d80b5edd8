"""AFR's attack: PGD moving majority samples toward their class's minority
(Zhang et al., VISAPP 2024, Sec. 3.4)."""
from typing import Callable

import torch
import torch.nn.functional as F

ScoreFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


def probe_score(weight: torch.Tensor, bias: torch.Tensor) -> ScoreFn:
    """Minority logit of the per-class probe
    (:func:`~mmlt.models.afr.fit_minority_probe`)."""

    def score(feats: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        unit = F.normalize(feats, dim=1)
        return (unit *
                weight.to(feats)[labels]).sum(1) + bias.to(feats)[labels]

    return score


def centroid_score(centroids: torch.Tensor) -> ScoreFn:
    """Cosine of the embedding to its class's minority centroid."""

    def score(feats: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        return F.cosine_similarity(feats, centroids.to(feats)[labels], dim=1)

    return score


def pgd_toward(model,
               images: torch.Tensor,
               labels: torch.Tensor,
               score_fn: ScoreFn,
               steps: int = 3,
               step_size: float = 1.0,
               eps: float = 153.0,
               pixel_max: float = 255.0) -> torch.Tensor:
    """L-inf PGD (Madry et al. 2018) ascending ``score_fn`` of the model's
    penultimate features, in pixel units before normalisation.

    ``x_{t+1} = clip_[0, pixel_max](x_0 + clip_[-eps, eps](x_t + step *
    sign(grad) - x_0))`` from ``x_0`` (no random start, so the result is a
    function of the model and the image). The model's
    ``data_preprocessor`` normalises inside the loop; BN runs in eval mode.
    The result is rounded to whole pixel values and kept within the budget,
    so it is stored as uint8 without loss (exact when ``step_size`` is a
    whole number: AFR's 1/255 on [0, 1] is 1 on [0, 255]).

    Args:
        model: An mmpretrain classifier (``extract_feat``, ``head``).
        images: ``(N, C, H, W)`` uint8 or float images in ``[0, pixel_max]``.
        labels: ``(N,)`` labels; the score is of each sample's own class.
        score_fn: ``(feats, labels) -> (N,)`` score to increase.
        steps, step_size, eps: PGD's iterations, step and L-inf radius.

    Returns:
        uint8 ``(N, C, H, W)`` perturbed images.
    """
    was_training = model.training
    model.eval()
    clean = images.float()
    adv = clean.clone()
    for _ in range(steps):
        adv.requires_grad_(True)
        inputs = model.data_preprocessor({'inputs': adv}, False)['inputs']
        feats = model.head.pre_logits(model.extract_feat(inputs))
        grad, = torch.autograd.grad(
            score_fn(feats, labels.to(feats.device)).sum(), adv)
        adv = adv.detach() + step_size * grad.sign().to(adv)
        adv = clean + (adv - clean).clamp(-eps, eps)
        adv = adv.clamp(0, pixel_max)
    budget = float(int(eps))
    adv = torch.round(adv)
    adv = torch.minimum(torch.maximum(adv, clean - budget), clean + budget)
    model.train(was_training)
    return adv.clamp(0, pixel_max).to(torch.uint8)
