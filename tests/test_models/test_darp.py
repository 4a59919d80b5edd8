"""DARP's Algorithm 1 against a direct solution of its Eq. (1)."""
import numpy as np
import pytest
import torch
from scipy.optimize import minimize

from mmlt.models import darp_refine


def _objective(y, p, w):
    y = y.reshape(p.shape)
    return float((w[:, None] * y * np.log(np.maximum(y, 1e-12) / p)).sum())


def _direct(p, target, w):
    """Eq. (1) by a generic constrained solver (SLSQP)."""
    m, k = p.shape
    cons = [
        dict(type='eq', fun=lambda y: y.reshape(m, k).sum(1) - 1),
        # the last column follows from the others (both sum to M)
        dict(
            type='eq', fun=lambda y: y.reshape(m, k).sum(0)[:-1] - target[:-1])
    ]
    res = minimize(
        _objective,
        p.ravel(),
        args=(p, w),
        method='SLSQP',
        bounds=[(1e-9, 1)] * (m * k),
        constraints=cons,
        options=dict(ftol=1e-12, maxiter=500))
    assert res.success, res.message
    return res.x.reshape(m, k)


@pytest.mark.parametrize('weighted', [False, True])
def test_darp_matches_a_direct_solution(weighted):
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(3) * 0.7, size=6)
    # pseudo-labels biased to class 0; the unlabeled set is balanced
    p[:, 0] += 0.5
    p /= p.sum(1, keepdims=True)
    target = np.array([2., 2., 2.])
    w = rng.uniform(0.5, 2.0, size=6) if weighted else np.ones(6)
    refined = darp_refine(
        torch.tensor(p),
        torch.tensor(target),
        torch.tensor(w) if weighted else None,
        num_iters=401).numpy()
    # the constraints hold
    assert np.allclose(refined.sum(1), 1, atol=1e-9)
    assert np.allclose(refined.sum(0), target, atol=1e-4)
    assert (refined >= 0).all()
    # and the weighted KL is the minimum
    direct = _direct(p, target, w)
    assert _objective(refined, p, w) <= _objective(direct, p, w) + 1e-6
    assert np.allclose(refined, direct, atol=2e-3)


def test_darp_by_hand_one_sample_per_class():
    # two samples, target one of each: the sample more sure of class 0
    # keeps it, the other is moved to class 1
    p = torch.tensor([[0.9, 0.1], [0.6, 0.4]])
    out = darp_refine(p, torch.tensor([1., 1.]), num_iters=2001)
    assert torch.allclose(out.sum(0), torch.tensor([1., 1.]), atol=1e-4)
    # Sinkhorn: y_mk = p_mk a_m b_k; with r = b0 / b1 the rows give
    # y00 = 0.9 r / (0.9 r + 0.1), y10 = 0.6 r / (0.6 r + 0.4), and
    # y00 + y10 = 1 gives 0.54 r^2 = 0.04
    r = np.sqrt((0.1 * 0.4) / (0.9 * 0.6))
    y00 = 0.9 * r / (0.9 * r + 0.1)
    assert out[0, 0].item() == pytest.approx(y00, abs=1e-4)
    assert out[0, 0] > 0.5 > out[1, 0]


def test_darp_bad_targets():
    p = torch.full((4, 2), 0.5)
    with pytest.raises(ValueError, match='sum to 3.000, not the 4'):
        darp_refine(p, torch.tensor([1., 2.]))
    with pytest.raises(ValueError, match='2 classes'):
        darp_refine(p, torch.tensor([1., 2., 1.]))
