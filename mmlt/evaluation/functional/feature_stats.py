"""Statistics of learned features and classifier weights (pure functions).

Used by "Exploring Weight Balancing on Long-Tailed Recognition Problem"
(Fisher's discriminant ratio, cosine similarities, norms against class size).
"""
from typing import Dict

import numpy as np


def fisher_discriminant_ratio(feats: np.ndarray,
                              labels: np.ndarray,
                              rcond: float = 1e-10) -> float:
    """``tr(S_w^-1 S_b)`` in float64.

    ``S_w = 1/N sum_c sum_{i in c} (x_i - mu_c)(x_i - mu_c)^T`` and
    ``S_b = 1/N sum_c n_c (mu_c - mu)(mu_c - mu)^T`` (weighted by class
    size). Degenerate directions of ``S_w`` (eigenvalues below ``rcond``
    times the largest, e.g. dead ReLU units) are dropped through the
    pseudo-inverse instead of blowing the ratio up.
    """
    x = np.asarray(feats, dtype=np.float64)
    labels = np.asarray(labels)
    mu = x.mean(0)
    s_w = np.zeros((x.shape[1], x.shape[1]))
    s_b = np.zeros_like(s_w)
    for cls in np.unique(labels):
        xc = x[labels == cls]
        centered = xc - xc.mean(0)
        s_w += centered.T @ centered
        diff = (xc.mean(0) - mu)[:, None]
        s_b += len(xc) * diff @ diff.T
    s_w /= len(x)
    s_b /= len(x)
    return float(
        np.trace(np.linalg.pinv(s_w, rcond=rcond, hermitian=True) @ s_b))


def cosine_similarities(feats: np.ndarray,
                        labels: np.ndarray) -> Dict[str, float]:
    """Mean pairwise cosine within classes (``intra``, over pairs of
    distinct samples, averaged over classes) and between class means
    (``inter``, over pairs of distinct classes)."""
    x = np.asarray(feats, dtype=np.float64)
    unit = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    intra, means = [], []
    for cls in np.unique(labels):
        u = unit[labels == cls]
        means.append(x[labels == cls].mean(0))
        if len(u) > 1:
            gram = u @ u.T
            intra.append(
                (gram.sum() - np.trace(gram)) / (len(u) * (len(u) - 1)))
    means = np.stack(means)
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
    gram = means @ means.T
    k = len(means)
    inter = (gram.sum() - np.trace(gram)) / (k * (k - 1))
    return dict(intra=float(np.mean(intra)), inter=float(inter))


def per_class_norms(values: np.ndarray, labels: np.ndarray,
                    num_classes: int) -> np.ndarray:
    """Mean L2 norm of the rows of ``values`` in each class (NaN if none)."""
    norms = np.linalg.norm(np.asarray(values, dtype=np.float64), axis=1)
    out = np.full(num_classes, np.nan)
    for cls in range(num_classes):
        if (labels == cls).any():
            out[cls] = norms[labels == cls].mean()
    return out
