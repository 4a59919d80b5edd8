"""DARP's refinement of pseudo-labels (Kim et al., NeurIPS 2020)."""
from typing import Optional

import torch


def darp_refine(probs: torch.Tensor,
                target_counts: torch.Tensor,
                weights: Optional[torch.Tensor] = None,
                num_iters: int = 10,
                num_bisect: int = 60) -> torch.Tensor:
    """Pseudo-labels refined to match a class distribution: the solution of
    DARP's Eq. (1) by its Algorithm 1 (the tutorial's "DualCoordinateAscent"
    slide).

    Eq. (1): minimise ``sum_m w_m KL(y_m || p_m)`` over ``y`` subject to
    ``sum_m y_m(k) = M_k`` for every class, ``sum_k y_m(k) = 1`` for every
    sample and ``y >= 0``, ``p_m`` the original pseudo-label. The solution
    has the form ``y_m(k) = p_m(k) alpha_m beta_k^(1 / w_m)``; Algorithm 1
    ascends the dual coordinate-wise, odd steps (and the last)
    ``alpha_m = (sum_k p_m(k) beta_k^(1 / w_m))^-1`` (rows sum to 1), even
    steps ``beta_k`` the root ``Z >= 0`` of ``sum_m p_m(k) alpha_m Z^(1 /
    w_m) = M_k`` (columns sum to ``M_k``), found here by bisection on
    ``log Z`` (closed form when all ``w_m`` are equal). With ``w = 1`` the
    steps are Sinkhorn's row and column scalings.

    Args:
        probs (Tensor): ``(M, K)`` pseudo-label distributions (rows sum to
            1; zeros stay zeros).
        target_counts (Tensor): ``(K, )`` the class distribution ``M_k`` of
            the unlabeled set, summing to ``M``.
        weights (Tensor, optional): ``(M, )`` positive ``w_m``; 1 if None.
        num_iters (int): ``T``. Defaults to 10.
        num_bisect (int): Bisection steps of each ``beta_k``. Defaults to 60.

    Returns:
        Tensor: ``(M, K)`` refined pseudo-labels, rows summing to 1.
    """
    p = probs.double()
    m, k = p.shape
    target = target_counts.double().to(p.device)
    if target.shape != (k, ):
        raise ValueError(f'darp_refine: {k} classes but target_counts of '
                         f'shape {tuple(target.shape)}.')
    if not torch.isclose(target.sum(),
                         torch.tensor(float(m), dtype=torch.float64)):
        raise ValueError(
            f'darp_refine: target_counts sum to {float(target.sum()):.3f}, '
            f'not the {m} samples.')
    inv_w = (
        torch.ones(m, dtype=torch.float64, device=p.device)
        if weights is None else 1.0 / weights.double().to(p.device))
    alpha = torch.ones(m, dtype=torch.float64, device=p.device)
    log_beta = torch.zeros(k, dtype=torch.float64, device=p.device)

    def scaled(log_beta):  # p_m(k) beta_k^(1 / w_m)
        return p * torch.exp(inv_w[:, None] * log_beta[None, :])

    for t in range(1, num_iters + 1):
        if t % 2 == 1 or t == num_iters:
            alpha = 1.0 / scaled(log_beta).sum(1)
        else:
            log_beta = _solve_log_beta(p * alpha[:, None], inv_w, target,
                                       num_bisect)
    refined = scaled(log_beta) * alpha[:, None]
    if not torch.isfinite(refined).all():
        raise ValueError(
            'darp_refine: no refinement meets target_counts (a class with a '
            'positive target has probability 0 in every row, or a row only '
            'on classes of target 0).')
    return refined.to(probs.dtype)


def _solve_log_beta(a: torch.Tensor, inv_w: torch.Tensor, target: torch.Tensor,
                    num_bisect: int) -> torch.Tensor:
    """``log Z_k`` with ``sum_m a_mk Z_k^(inv_w_m) = target_k``, every k."""
    mass = a.sum(0)
    if torch.allclose(inv_w, inv_w[0]):  # (target / mass)^(w)
        return torch.log(target / mass) / inv_w[0]
    lo = torch.full_like(target, -60.0)
    hi = torch.full_like(target, 60.0)
    for _ in range(num_bisect):  # the left side grows with log Z
        mid = (lo + hi) / 2
        value = (a * torch.exp(inv_w[:, None] * mid[None, :])).sum(0)
        above = value > target
        hi = torch.where(above, mid, hi)
        lo = torch.where(above, lo, mid)
    return (lo + hi) / 2
