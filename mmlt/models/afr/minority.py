"""AFR's intra-class minority (Zhang et al., VISAPP 2024, Sec. 3.2-3.3)."""
from typing import Tuple

import numpy as np
import torch
import torch.nn.functional as F


def minority_split(feats: torch.Tensor,
                   labels: torch.Tensor,
                   preds: torch.Tensor,
                   num_classes: int,
                   lam: float = 0.8) -> Tuple[torch.Tensor, torch.Tensor]:
    """Split every class into majority and minority by the cosine of each
    embedding to its class mean (Eq. 2).

    The threshold of class c is ``lam``, replaced by the class's training
    accuracy ``a_c`` when ``a_c`` is below the overall training accuracy
    (Sec. 3.3); samples whose cosine is below it are the minority.

    Args:
        feats: ``(N, d)`` penultimate features.
        labels: ``(N,)`` labels.
        preds: ``(N,)`` predicted labels of the same model (accuracies).
        num_classes (int): C.
        lam (float): The default threshold. Defaults to 0.8.

    Returns:
        ``(is_minority (N,) bool, thresholds (C,))``.
    """
    feats = feats.double()
    onehot = F.one_hot(labels, num_classes).double()
    counts = onehot.sum(0)
    means = onehot.t() @ feats / counts.clamp(min=1)[:, None]
    cos = F.cosine_similarity(feats, means[labels], dim=1)
    correct = (preds == labels).double()
    class_acc = onehot.t() @ correct / counts.clamp(min=1)
    thresholds = torch.where(class_acc < correct.mean(), class_acc,
                             torch.full_like(class_acc, lam))
    return cos < thresholds[labels], thresholds


def fit_minority_probe(feats: torch.Tensor,
                       labels: torch.Tensor,
                       is_minority: torch.Tensor,
                       num_classes: int,
                       steps: int = 200,
                       lr: float = 0.1) -> Tuple[torch.Tensor, torch.Tensor]:
    """One logistic "minority vs majority" probe per class on the frozen,
    L2-normalised embeddings: ``s_i = w_{y_i} . f_i / |f_i| + b_{y_i}``.

    Each class's two groups weigh equally (the minority is small), every
    class with samples weighs equally; full-batch Adam from zero, so the
    result is deterministic. Returns ``(W (C, d), b (C,))``.
    """
    unit = F.normalize(feats.float(), dim=1)
    target = is_minority.float()
    onehot = F.one_hot(labels, num_classes).float()
    group = onehot * target[:, None], onehot * (1 - target[:, None])
    # 1 / (2 * group size * number of classes present) per sample
    sizes = torch.stack([g.sum(0) for g in group])  # (2, C)
    present = (onehot.sum(0) > 0).sum()
    per_group = torch.where(sizes > 0, 1 / (2 * sizes.clamp(min=1) * present),
                            torch.zeros_like(sizes))
    sample_weight = torch.where(is_minority, per_group[0][labels],
                                per_group[1][labels])
    weight = torch.zeros(num_classes, unit.size(1), requires_grad=True)
    bias = torch.zeros(num_classes, requires_grad=True)
    optimizer = torch.optim.Adam([weight, bias], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        score = (unit * weight[labels]).sum(1) + bias[labels]
        loss = (F.binary_cross_entropy_with_logits(
            score, target, reduction='none') * sample_weight).sum()
        loss.backward()
        optimizer.step()
    return weight.detach(), bias.detach()


def minority_centroids(feats: torch.Tensor, labels: torch.Tensor,
                       is_minority: torch.Tensor,
                       num_classes: int) -> torch.Tensor:
    """``(C, d)`` mean embedding of each class's minority (zeros where a
    class has none)."""
    onehot = F.one_hot(labels, num_classes).double() * is_minority[:, None]
    sums = onehot.t() @ feats.double()
    return (sums / onehot.sum(0).clamp(min=1)[:, None]).float()


def select_attacked(labels: np.ndarray, is_minority: np.ndarray,
                    num_classes: int, share: float,
                    rng: np.random.Generator) -> np.ndarray:
    """Indices of ``round(share * |majority_c|)`` majority samples of every
    class that has a minority to move toward, drawn at random; sorted."""
    chosen = []
    for c in range(num_classes):
        in_class = labels == c
        if not (in_class & is_minority).any():
            continue
        majority = np.flatnonzero(in_class & ~is_minority)
        k = int(round(share * len(majority)))
        chosen.append(rng.choice(majority, size=k, replace=False))
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(
        0, dtype=np.int64)
