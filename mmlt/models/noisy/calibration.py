"""RCAL's distributional representation calibration, as pure functions.

The steps of the tutorial's RCAL Algorithm 1 between pre-training and
training (lines 5-10), on the contrastive features of the training images
and their observed (possibly wrong) labels: outliers removed per class by
LOF, one Gaussian per class, the tail classes' Gaussians calibrated with the
head's statistics, and a class-balanced set of features sampled from them.
"""
from typing import Tuple

import numpy as np
import torch
from sklearn.neighbors import LocalOutlierFactor


def lof_inliers(features: np.ndarray,
                labels: np.ndarray,
                n_neighbors: int = 20) -> np.ndarray:
    """The samples LOF keeps within their observed class (Algorithm 1,
    line 6): a boolean mask over the rows of ``features``.

    Each class is scored alone (scikit-learn's ``LocalOutlierFactor`` with
    its default ``contamination='auto'``: a sample whose local density is
    well below its ``n_neighbors`` nearest classmates' is an outlier), with
    ``n_neighbors`` capped at the class size minus one; a class of fewer
    than three samples is kept whole (no density to compare with).
    """
    keep = np.ones(len(labels), dtype=bool)
    for c in np.unique(labels):
        rows = np.flatnonzero(labels == c)
        if len(rows) < 3:
            continue
        lof = LocalOutlierFactor(n_neighbors=min(n_neighbors, len(rows) - 1))
        keep[rows] = lof.fit_predict(features[rows]) == 1
    return keep


def class_gaussians(features: torch.Tensor, labels: torch.Tensor,
                    num_classes: int) -> Tuple[torch.Tensor, torch.Tensor]:
    """Mean ``(C, D)`` and maximum-likelihood covariance ``(C, D, D)``
    (``1 / n_c``) of each class's features (Algorithm 1, line 7).

    Raises:
        ValueError: A class has no sample.
    """
    counts = torch.bincount(labels, minlength=num_classes)
    if (counts == 0).any():
        raise ValueError('class_gaussians: no sample of classes '
                         f'{torch.nonzero(counts == 0).flatten().tolist()}.')
    means = torch.stack(
        [features[labels == c].mean(0) for c in range(num_classes)])
    covs = torch.stack([(d.t() @ d) / len(d)
                        for d in (features[labels == c] - means[c]
                                  for c in range(num_classes))])
    return means, covs


def tail_classes(counts: torch.Tensor, quantile: float = 0.5) -> torch.Tensor:
    """Boolean mask of the tail: the classes with fewer samples than the
    ``quantile`` of the class counts (default the median)."""
    return counts < torch.quantile(counts.double(), quantile)


def calibrate_tail(means: torch.Tensor,
                   covs: torch.Tensor,
                   tail: torch.Tensor,
                   k: int = 2,
                   alpha: float = 0.0) -> Tuple[torch.Tensor, torch.Tensor]:
    """The tail classes' Gaussians calibrated with the head's statistics
    (Algorithm 1, line 9), read as the distribution calibration of Yang et
    al. ("Free lunch for few-shot learning", ICLR 2021, Eq. 6-7):

    ``mu'_t = (mu_t + sum_{i in N_t} mu_i) / (k + 1)``,
    ``Sigma'_t = sum_{i in N_t} Sigma_i / k + alpha I``,

    ``N_t`` the ``k`` head classes whose means lie nearest (Euclidean) to
    ``mu_t``. Head classes are returned as given.

    Raises:
        ValueError: There are fewer than ``k`` head classes.
    """
    head = torch.nonzero(~tail).flatten()
    if len(head) < k:
        raise ValueError(f'calibrate_tail: {len(head)} head classes, fewer '
                         f'than k={k}.')
    means, covs = means.clone(), covs.clone()
    eye = torch.eye(means.shape[1], dtype=covs.dtype, device=covs.device)
    for t in torch.nonzero(tail).flatten():
        near = head[torch.cdist(means[t:t + 1],
                                means[head])[0].topk(k, largest=False).indices]
        means[t] = (means[t] + means[near].sum(0)) / (k + 1)
        covs[t] = covs[near].mean(0) + alpha * eye
    return means, covs


def sample_gaussians(
        means: torch.Tensor,
        covs: torch.Tensor,
        per_class: int,
        generator: torch.Generator = None
) -> Tuple[torch.Tensor, torch.Tensor]:
    """``per_class`` draws from each class's Gaussian (Algorithm 1, line 10):
    features ``(C * per_class, D)`` and their labels, class by class. The
    covariances may be singular (fewer samples than dimensions): the draws
    are ``mu + V diag(sqrt(max(lambda, 0))) e`` from the eigendecomposition
    ``Sigma = V diag(lambda) V^T``, ``e ~ N(0, I)``."""
    num_classes, dim = means.shape
    eigvals, eigvecs = torch.linalg.eigh(covs)
    scale = eigvecs * eigvals.clamp_min(0).sqrt().unsqueeze(1)
    noise = torch.randn(
        num_classes, per_class, dim, generator=generator, dtype=means.dtype)
    feats = means.unsqueeze(1) + noise @ scale.transpose(1, 2)
    labels = torch.arange(num_classes).repeat_interleave(per_class)
    return feats.reshape(-1, dim), labels
