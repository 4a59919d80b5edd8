"""Each loss against a hand computation on small tensors."""
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from mmlt.models.losses import (BalancedSoftmaxLoss, DotRegressionLoss,
                                LDAMLoss, LogitAdjustedLoss, LWRLoss,
                                SigmoidCELoss, SigmoidFocalLoss,
                                SoftmaxBCELoss, SoftmaxFocalLoss, VSLoss,
                                class_weights)

COUNTS = [16.0, 4.0, 1.0]
Z = np.array([[1.0, 2.0, 0.5], [0.2, -1.0, 1.5]])
Y = np.array([0, 2])


def _with_counts(loss, counts=COUNTS):
    loss.set_class_counts(counts)
    return loss


def _ce(logits, y, w=None):
    """Hand cross-entropy, mean (weighted as torch does)."""
    logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    nll = -logp[np.arange(len(y)), y]
    if w is None:
        return nll.mean()
    return (w[y] * nll).sum() / w[y].sum()


def _run(loss, z=Z, y=Y):
    return loss(torch.tensor(z, dtype=torch.float32), torch.tensor(y)).item()


def test_balanced_softmax_and_logit_adjustment():
    log_n = np.log(COUNTS)
    bs = _with_counts(BalancedSoftmaxLoss(3))
    assert _run(bs) == pytest.approx(_ce(Z + log_n, Y), rel=1e-5)
    log_pi = np.log(np.array(COUNTS) / sum(COUNTS))
    la = _with_counts(LogitAdjustedLoss(3, tau=2.0))
    assert _run(la) == pytest.approx(_ce(Z + 2.0 * log_pi, Y), rel=1e-5)


def test_vs_loss():
    vs = _with_counts(VSLoss(3, gamma=0.5, tau=1.5))
    delta = (np.array(COUNTS) / 16.0)**0.5  # [1, .5, .25]
    log_pi = np.log(np.array(COUNTS) / 21.0)
    assert _run(vs) == pytest.approx(
        _ce(Z * delta + 1.5 * log_pi, Y), rel=1e-5)


def test_ldam_margins_and_loss():
    ldam = _with_counts(LDAMLoss(3, max_m=0.5, s=10.0))
    # m_c ∝ n_c^(-1/4): [1/2, 1/sqrt(2), 1] -> scaled to a max of 0.5
    np.testing.assert_allclose(
        ldam.margins().numpy(), [0.25, 0.5 / np.sqrt(2), 0.5], rtol=1e-6)
    z = np.array([[0.9, 0.1, -0.2], [0.3, 0.2, 0.8]])
    shifted = z.copy()
    shifted[0, 0] -= 0.25
    shifted[1, 2] -= 0.5
    assert _run(ldam, z) == pytest.approx(_ce(10.0 * shifted, Y), rel=1e-5)


def test_class_weights():
    counts = torch.tensor([100.0, 10.0])
    w = (1 - 0.9) / (1 - 0.9**np.array([100.0, 10.0]))
    np.testing.assert_allclose(
        class_weights(counts, 'effective', 0.9).numpy(),
        w / w.sum() * 2,
        rtol=1e-6)
    harmonic = 2 / (1 / 100 + 1 / 10)
    np.testing.assert_allclose(
        class_weights(counts, 'inverse').numpy(),
        [harmonic / 100, harmonic / 10],
        rtol=1e-6)
    with pytest.raises(ValueError, match='class weight'):
        class_weights(counts, 'sqrt')


def test_class_balanced_softmax_uses_weighted_mean():
    cb = _with_counts(
        LogitAdjustedLoss(3, tau=0.0, class_weight='effective', beta=0.9))
    w = class_weights(torch.tensor(COUNTS), 'effective', 0.9).numpy()
    assert _run(cb) == pytest.approx(_ce(Z, Y, w), rel=1e-5)
    cb.reweight = False  # what DRWHook does before its epoch
    assert _run(cb) == pytest.approx(_ce(Z, Y), rel=1e-5)


def test_softmax_focal():
    focal = _with_counts(SoftmaxFocalLoss(3, gamma=2.0))
    logp = Z - np.log(np.exp(Z).sum(1, keepdims=True))
    p = np.exp(logp[np.arange(2), Y])
    expected = ((1 - p)**2 * -np.log(p)).mean()
    assert _run(focal) == pytest.approx(expected, rel=1e-5)
    w = class_weights(torch.tensor(COUNTS), 'effective').numpy()
    # LDAM-DRW's FocalLoss(weight=w): p = exp(-w_y CE), mean over N
    wce = w[Y] * -np.log(p)
    cb = _with_counts(SoftmaxFocalLoss(3, gamma=2.0, class_weight='effective'))
    assert _run(cb) == pytest.approx(
        ((1 - np.exp(-wce))**2 * wce).mean(), rel=1e-5)
    # the weight on the focal term instead
    outside = _with_counts(
        SoftmaxFocalLoss(
            3, gamma=2.0, weight_in_ce=False, class_weight='effective'))
    assert _run(outside) == pytest.approx(
        (w[Y] * (1 - p)**2 * -np.log(p)).mean(), rel=1e-5)


def test_sigmoid_cb():
    loss = _with_counts(SigmoidCELoss(3, class_weight='effective', beta=0.99))
    onehot = np.eye(3)[Y]
    sig = 1 / (1 + np.exp(-Z))
    bce = -(onehot * np.log(sig) + (1 - onehot) * np.log(1 - sig)).sum(1)
    w = class_weights(torch.tensor(COUNTS), 'effective', 0.99).numpy()
    assert _run(loss) == pytest.approx((w[Y] * bce).mean(), rel=1e-5)


@pytest.mark.parametrize('make', [
    lambda: BalancedSoftmaxLoss(3), lambda: LDAMLoss(3),
    lambda: LDAMLoss(3, class_weight='effective'),
    lambda: SoftmaxFocalLoss(3, class_weight='effective'),
    lambda: SigmoidCELoss(3),
    lambda: SigmoidFocalLoss(3, class_weight='effective'),
    lambda: SoftmaxBCELoss(3, class_weight='effective')
])
def test_soft_targets_match_hard_labels(make):
    loss = _with_counts(make())
    z = torch.tensor(Z, dtype=torch.float32)
    hard = loss(z, torch.tensor(Y))
    soft = loss(z, torch.eye(3)[Y])
    assert torch.allclose(hard, soft, atol=1e-6)


def _nll(logits, y):
    """Hand cross-entropy per sample."""
    logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    return -logp[np.arange(len(y)), y]


def test_sample_weight_avg_factor_and_reduction():
    """mmpretrain's ``weight``, ``avg_factor`` and reductions."""
    bs = _with_counts(BalancedSoftmaxLoss(3))
    z, y = torch.tensor(Z, dtype=torch.float32), torch.tensor(Y)
    nll = _nll(Z + np.log(COUNTS), Y)
    # a zero weight drops the sample; the mean is still over N
    assert bs(z, y, weight=torch.tensor([0.0, 1.0])).item() == \
        pytest.approx(nll[1] / 2, rel=1e-5)
    assert bs(
        z, y, avg_factor=4).item() == pytest.approx(
            nll.sum() / 4, rel=1e-5)
    np.testing.assert_allclose(
        bs(z, y, reduction_override='none').numpy(), nll, rtol=1e-5)
    assert bs(
        z, y, reduction_override='sum').item() == pytest.approx(
            nll.sum(), rel=1e-5)
    summed = _with_counts(BalancedSoftmaxLoss(3, reduction='sum'))
    assert summed(z, y).item() == pytest.approx(nll.sum(), rel=1e-5)
    with pytest.raises(ValueError, match='avg_factor'):
        summed(z, y, avg_factor=2)
    with pytest.raises(ValueError, match='reduction'):
        bs(z, y, reduction_override='avg')
    with pytest.raises(ValueError, match='reduction'):
        BalancedSoftmaxLoss(3, reduction='avg')


def test_class_weighted_mean_with_weight_and_avg_factor():
    """``sum s_i c_i l_i / (A mean_i c_i)``; focal and sigmoid divide by A."""
    cb = _with_counts(
        LogitAdjustedLoss(3, tau=0.0, class_weight='effective', beta=0.9))
    z, y = torch.tensor(Z, dtype=torch.float32), torch.tensor(Y)
    c = class_weights(torch.tensor(COUNTS), 'effective', 0.9).numpy()[Y]
    nll = _nll(Z, Y)
    # what mmpretrain's heads pass (avg_factor=N): the weighted mean
    assert cb(
        z, y, avg_factor=2).item() == pytest.approx(
            (c * nll).sum() / c.sum(), rel=1e-5)
    assert cb(z, y, weight=torch.tensor([0.0, 1.0])).item() == \
        pytest.approx(c[1] * nll[1] / c.sum(), rel=1e-5)
    assert cb(
        z, y, avg_factor=4).item() == pytest.approx(
            (c * nll).sum() / (4 * c.mean()), rel=1e-5)
    np.testing.assert_allclose(
        cb(z, y, reduction_override='none').numpy(), c * nll, rtol=1e-5)
    assert cb(
        z, y, reduction_override='sum').item() == pytest.approx(
            (c * nll).sum(), rel=1e-5)
    focal = _with_counts(
        SoftmaxFocalLoss(3, gamma=0.0, class_weight='effective', beta=0.9))
    assert focal(
        z, y, weight=torch.tensor([0.0, 1.0]),
        avg_factor=4).item() == pytest.approx(
            c[1] * nll[1] / 4, rel=1e-5)


@pytest.mark.parametrize('make', [
    lambda: BalancedSoftmaxLoss(3), lambda: LogitAdjustedLoss(3, tau=2.0),
    lambda: VSLoss(3), lambda: LDAMLoss(3),
    lambda: LDAMLoss(3, class_weight='effective'),
    lambda: SoftmaxFocalLoss(3, class_weight='effective'),
    lambda: SigmoidCELoss(3, class_weight='inverse'),
    lambda: SigmoidFocalLoss(3, class_weight='effective'),
    lambda: SoftmaxBCELoss(3, class_weight='effective'),
    lambda: DotRegressionLoss()
])
@pytest.mark.parametrize('soft', [False, True])
def test_head_call_and_reductions_agree(make, soft):
    """The head's call (``avg_factor=N``) is the plain mean; ``'none'``
    sums to ``'sum'``, for hard and (two-label, one lam) soft targets."""
    loss = make()
    if hasattr(loss, 'set_class_counts'):
        loss.set_class_counts(COUNTS)
    z = torch.tensor(Z, dtype=torch.float32)
    target = torch.tensor([[0.7, 0.0, 0.3], [0.3, 0.7, 0.0]]) if soft else \
        torch.tensor(Y)
    mean = loss(z, target)
    assert torch.allclose(loss(z, target, avg_factor=2), mean, rtol=1e-6)
    none = loss(z, target, reduction_override='none')
    assert none.shape == (2, )
    assert torch.allclose(none.sum(),
                          loss(z, target, reduction_override='sum'))


def test_dot_regression_weight_and_avg_factor():
    scores = torch.tensor([[0.5, -0.2], [0.1, 0.9]])
    labels = torch.tensor([0, 1])
    loss = DotRegressionLoss()
    # per sample 1/2 (0.5 - 1)^2 and 1/2 (0.9 - 1)^2
    np.testing.assert_allclose(
        loss(scores, labels, reduction_override='none').numpy(),
        [0.125, 0.005],
        rtol=1e-6)
    assert loss(
        scores, labels, weight=torch.tensor([0.0, 1.0]),
        avg_factor=4).item() == pytest.approx(0.005 / 4)


def test_losses_need_counts():
    with pytest.raises(RuntimeError, match='ClassCountsHook'):
        _run(BalancedSoftmaxLoss(3))
    with pytest.raises(
            ValueError, match='built for 3 classes but received '
            '2'):
        BalancedSoftmaxLoss(3).set_class_counts([1, 2])
    with pytest.raises(ValueError, match='class_weight'):
        BalancedSoftmaxLoss(3, class_weight='inv')


def _lwr_by_hand(w, theta, tau):
    unit = w / np.linalg.norm(w, axis=1, keepdims=True)
    total = 0.0
    for i in range(len(w)):
        s = [(unit[i] @ unit[j]) / tau if unit[i] @ unit[j] > theta else 0.0
             for j in range(len(w))]
        total -= s[i] - np.log(np.sum(np.exp(s)))
    return total


def test_lwr_matches_equation_and_threshold():
    w = np.array([[1.0, 0.0], [0.8, 0.6], [-1.0, 0.2], [0.9, 0.1]])
    got = LWRLoss.repulsion(torch.tensor(w), theta=0.4, tau=0.1).item()
    assert got == pytest.approx(_lwr_by_hand(w, 0.4, 0.1), rel=1e-9)
    # far-apart directions (all cosines <= theta) give the constant log C
    ortho = torch.eye(3, dtype=torch.float64)
    assert LWRLoss.repulsion(ortho, 0.4, 0.1).item() == pytest.approx(
        3 * (np.log(np.exp(10) + 2) - 10))


def test_lwr_gradient_is_orthogonal_to_each_weight():
    torch.manual_seed(0)
    w = torch.randn(10, 8, dtype=torch.float64, requires_grad=True)
    LWRLoss(8, theta=0.0, tau=0.1)(w).backward()
    radial = (w.grad * w.detach()).sum(1)
    assert w.grad.abs().max() > 1e-3
    assert radial.abs().max() < 1e-10  # Eq. (4): no component along w_i


def test_lwr_projector_and_weight():
    lwr = LWRLoss(8, projector=True, loss_weight=0.5)
    w = torch.randn(5, 8, requires_grad=True)
    out = lwr(w)
    out.backward()
    assert lwr.projector[0].weight.grad is not None
    plain = LWRLoss(8, loss_weight=0.5)
    plain.schedule_factor = 0.25
    assert plain(w).item() == pytest.approx(
        0.125 * LWRLoss.repulsion(w.detach(), 0.4, 0.1).item(), rel=1e-6)


def test_lwr_projector_sees_directions_only():
    """Regression: with biases the projector's shared bias took over every
    class (every cosine 1, R = C log C, no gradient). The bias-free
    projector is positively homogeneous: R does not change when the class
    vectors are scaled, and small vectors keep a gradient."""
    torch.manual_seed(0)
    lwr = LWRLoss(64, theta=0.4, tau=0.1, projector=True)
    w = (0.01 * torch.randn(10, 64, dtype=torch.float64)).requires_grad_()
    lwr.double()
    small = lwr(w)
    assert small.item() == pytest.approx(lwr(100 * w).item(), rel=1e-9)
    assert small.item() < 10 * math.log(10) - 0.1
    small.backward()
    assert w.grad.abs().max() > 1e-3 / w.detach().norm(dim=1).max()
    assert all(layer.bias is None for layer in lwr.projector[::2])


# Reference fidelity: each default or option against the formula of the
# code it follows, computed by hand in float64 numpy.
RNG = np.random.default_rng(0)
COUNTS_LT = np.array([500.0, 120.0, 40.0, 9.0, 2.0])
Z5 = RNG.normal(size=(6, 5))
Y5 = np.array([0, 0, 1, 2, 3, 4])


def _effective(counts, beta=0.9999):
    """Cui et al.'s weights (1 - beta) / (1 - beta^n), summing to C."""
    w = (1 - beta) / (1 - beta**counts)
    return w / w.sum() * len(counts)


def _log_softmax(z):
    z = z - z.max(1, keepdims=True)
    return z - np.log(np.exp(z).sum(1, keepdims=True))


def _pick(m, y):
    return m[np.arange(len(y)), y]


def _ldam_logits(z, y, counts, max_m=0.5, s=30.0):
    m = counts**-0.25
    m = m * max_m / m.max()
    shifted = z.copy()
    shifted[np.arange(len(y)), y] -= m[y]
    return s * shifted


def _sigmoid_focal(z, y, w, gamma):
    """Cui et al.'s code: sum_{i,k} w_{y_i} (1 - p_t)^gamma (-log p_t) / N
    with p = sigmoid(z) and p_t = p for the label, 1 - p otherwise."""
    t = np.eye(z.shape[1])[y]
    p = 1 / (1 + np.exp(-z))
    p_t = np.where(t == 1, p, 1 - p)
    return (w[y][:, None] * (1 - p_t)**gamma * -np.log(p_t)).sum() / len(y)


def _softmax_bce(z, y, w):
    """The WB code's CB_loss 'softmax': BCE(softmax(z), onehot) weighted by
    w_y, mean over N * C."""
    t = np.eye(z.shape[1])[y]
    p = np.exp(_log_softmax(z))
    bce = -(t * np.log(p) + (1 - t) * np.log(1 - p))
    return (w[y][:, None] * bce).mean()


def _weighted_mean(losses, y, w):
    return (w[y] * losses).sum() / w[y].sum()


def _batch_mean(losses, y, w):
    return (w[y] * losses).mean()


W5 = _effective(COUNTS_LT)
LOG_PI = np.log(COUNTS_LT / COUNTS_LT.sum())
# (loss, hand value): every class-weighted loss, effective weights
WEIGHTED = [
    (lambda: LogitAdjustedLoss(5, tau=0.0, class_weight='effective'),
     lambda z, y: _weighted_mean(-_pick(_log_softmax(z), y), y, W5)),
    (lambda: LogitAdjustedLoss(
        5, tau=0.0, class_weight='effective', class_weight_norm='batch'),
     lambda z, y: _batch_mean(-_pick(_log_softmax(z), y), y, W5)),
    (lambda: BalancedSoftmaxLoss(5, class_weight='effective'),
     lambda z, y: _weighted_mean(-_pick(_log_softmax(z + LOG_PI), y), y, W5)),
    (lambda: VSLoss(5, class_weight='effective'), lambda z, y: _weighted_mean(
        -_pick(_log_softmax(z * (COUNTS_LT / 500)**0.3 + LOG_PI), y), y, W5)),
    (lambda: LDAMLoss(5, class_weight='effective'),
     lambda z, y: _weighted_mean(
         -_pick(_log_softmax(_ldam_logits(z, y, COUNTS_LT)), y), y, W5)),
    (lambda: SoftmaxFocalLoss(5, class_weight='effective'),
     lambda z, y: np.mean(
         (1 - np.exp(-W5[y] * -_pick(_log_softmax(z), y))) * W5[y] * -_pick(
             _log_softmax(z), y))),
    (lambda: SoftmaxFocalLoss(5, weight_in_ce=False, class_weight='effective'),
     lambda z, y: np.mean(W5[y] *
                          (1 - np.exp(_pick(_log_softmax(z), y))) * -_pick(
                              _log_softmax(z), y))),
    (lambda: SigmoidFocalLoss(5, class_weight='effective'),
     lambda z, y: _sigmoid_focal(z, y, W5, 1.0)),
    (lambda: SigmoidCELoss(5, class_weight='effective'),
     lambda z, y: _sigmoid_focal(z, y, W5, 0.0)),
    (lambda: SoftmaxBCELoss(5, class_weight='effective'),
     lambda z, y: _softmax_bce(z, y, W5)),
]


@pytest.mark.parametrize('make, expected', WEIGHTED)
def test_weighted_losses_in_float64(make, expected):
    """Float64 logits give a float64 loss equal to the float64 hand value
    to 1e-12: weights, priors and margins are not rounded to float32; soft
    float32 targets work with them."""
    loss = _with_counts(make(), COUNTS_LT)
    z = torch.tensor(Z5, dtype=torch.float64, requires_grad=True)
    out = loss(z, torch.tensor(Y5))
    assert out.dtype == torch.float64
    assert out.item() == pytest.approx(expected(Z5, Y5), rel=1e-12)
    out.backward()
    assert z.grad.dtype == torch.float64
    soft = loss(z, torch.eye(5)[Y5])  # float32 one-hot targets
    assert soft.dtype == torch.float64
    assert soft.item() == pytest.approx(out.item(), rel=1e-12)
    assert loss(z.float(), torch.tensor(Y5)).item() == pytest.approx(
        out.item(), rel=1e-5)


def test_ldam_margins_are_float64():
    ldam = _with_counts(LDAMLoss(5), COUNTS_LT)
    m = COUNTS_LT**-0.25
    assert ldam.margins().dtype == torch.float64
    np.testing.assert_allclose(
        ldam.margins().numpy(), m * 0.5 / m.max(), rtol=1e-15)


def test_class_weight_norm_sum_of_weights_or_batch_size():
    """LDAM-DRW's F.cross_entropy(weight=w) divides by sum_i w_{y_i}; Cui et
    al.'s TensorFlow softmax_cross_entropy(weights=w_y) by N."""
    nll = -_pick(_log_softmax(Z5), Y5)
    by_weights = _with_counts(
        LogitAdjustedLoss(5, tau=0.0, class_weight='effective'), COUNTS_LT)
    by_batch = _with_counts(
        LogitAdjustedLoss(
            5, tau=0.0, class_weight='effective', class_weight_norm='batch'),
        COUNTS_LT)
    z, y = torch.tensor(Z5), torch.tensor(Y5)
    assert by_weights(z, y).item() == pytest.approx(
        (W5[Y5] * nll).sum() / W5[Y5].sum(), rel=1e-12)
    assert by_batch(z, y).item() == pytest.approx(
        (W5[Y5] * nll).sum() / len(Y5), rel=1e-12)
    # on a long-tailed batch the mean weight is below 1: 'weights' is larger
    assert W5[Y5].mean() < 1
    assert by_weights(z, y) > by_batch(z, y)
    # the defaults: LDAM-DRW's for softmax CE, N for Cui's sigmoid / focal
    # losses, LDAM-DRW's focal and the WB code's softmax BCE
    assert by_weights.class_weight_norm == 'weights'
    for cls in (SigmoidCELoss, SigmoidFocalLoss, SoftmaxFocalLoss,
                SoftmaxBCELoss):
        assert cls(5).class_weight_norm == 'batch'
    with pytest.raises(ValueError, match='class_weight_norm'):
        LogitAdjustedLoss(5, class_weight_norm='sum')


def test_weight_balancing_stage2_references():
    """The WB code's CB_loss(..., 'softmax', 0.9999) and the Exploring-WB
    code's mean_i w_y CE_i, each one option away from mmlt's reading."""
    z, y = torch.tensor(Z5), torch.tensor(Y5)
    wb = _with_counts(
        SoftmaxBCELoss(5, class_weight='effective', beta=0.9999), COUNTS_LT)
    assert wb(z, y).item() == pytest.approx(
        _softmax_bce(Z5, Y5, W5), rel=1e-12)
    exploring = _with_counts(
        LogitAdjustedLoss(
            5, tau=0.0, class_weight='effective', class_weight_norm='batch'),
        COUNTS_LT)
    nll = -_pick(_log_softmax(Z5), Y5)
    assert exploring(z, y).item() == pytest.approx(
        np.mean(W5[Y5] * nll), rel=1e-12)


@pytest.mark.parametrize('gamma', [0.0, 0.5, 2.0])
def test_cb_focal_variants(gamma):
    """Cui et al.'s CB focal (sigmoid), LDAM-DRW's focal (weight inside the
    CE) and the weight on the focal term."""
    z, y = torch.tensor(Z5), torch.tensor(Y5)
    cui = _with_counts(
        SigmoidFocalLoss(5, gamma=gamma, class_weight='effective'), COUNTS_LT)
    assert cui(z, y).item() == pytest.approx(
        _sigmoid_focal(Z5, Y5, W5, gamma), rel=1e-12)
    ce = -_pick(_log_softmax(Z5), Y5)
    ldam_drw = _with_counts(
        SoftmaxFocalLoss(5, gamma=gamma, class_weight='effective'), COUNTS_LT)
    assert ldam_drw(z, y).item() == pytest.approx(
        np.mean((1 - np.exp(-W5[Y5] * ce))**gamma * W5[Y5] * ce), rel=1e-12)
    outside = _with_counts(
        SoftmaxFocalLoss(
            5, gamma=gamma, weight_in_ce=False, class_weight='effective'),
        COUNTS_LT)
    assert outside(z, y).item() == pytest.approx(
        np.mean(W5[Y5] * (1 - np.exp(-ce))**gamma * ce), rel=1e-12)


def test_vs_default_gamma_is_the_authors():
    """VS-Loss's VSLoss(gamma=0.3, tau=1.0): logits x / Delta + iota with
    Delta_c = (1/n_c)^gamma / min_k (1/n_k)^gamma, iota = tau log pi."""
    vs = _with_counts(VSLoss(5), COUNTS_LT)
    assert (vs.gamma, vs.tau) == (0.3, 1.0)
    delta = (1 / COUNTS_LT)**0.3
    delta = delta / delta.min()
    expected = -_pick(_log_softmax(Z5 / delta + LOG_PI), Y5).mean()
    assert vs(torch.tensor(Z5), torch.tensor(Y5)).item() == pytest.approx(
        expected, rel=1e-12)


def _ldam_per_sample(z, y):
    return -_pick(_log_softmax(_ldam_logits(z, y, COUNTS_LT)), y)


def test_weighted_soft_target_is_cmo_mixture_of_weighted_losses():
    """CMO's code: lam L_w(y_a) + (1 - lam) L_w(y_b), each L_w normalised
    by its own labels' weights (LDAM with DRW weights); not the old
    per-sample (sum_c t_c l_c) (sum_c t_c w_c)."""
    lam = 0.7
    y_a = np.array([0, 0, 1, 2, 0, 1])
    y_b = np.array([4, 3, 1, 4, 2, 0])  # row 2: a == b
    cos = np.tanh(Z5)
    target = lam * np.eye(5)[y_a] + (1 - lam) * np.eye(5)[y_b]
    ldam = _with_counts(LDAMLoss(5, class_weight='effective'), COUNTS_LT)
    got = ldam(torch.tensor(cos), torch.tensor(target, dtype=torch.float32))

    def l_w(y):
        return _weighted_mean(_ldam_per_sample(cos, y), y, W5)

    cmo = lam * l_w(y_a) + (1 - lam) * l_w(y_b)
    assert got.item() == pytest.approx(cmo, rel=1e-9)
    # the old form: cross terms t_a w_b l_a + t_b w_a l_b
    per_label = np.stack(
        [_ldam_per_sample(cos, np.full(6, c)) for c in range(5)], 1)
    old = ((target * per_label).sum(1) *
           (target @ W5)).sum() / (target @ W5).sum()
    assert abs(got.item() - old) > 0.1
    # lam and 1 - lam swapped: the same loss
    swapped = (1 - lam) * np.eye(5)[y_a] + lam * np.eye(5)[y_b]
    assert ldam(torch.tensor(cos),
                torch.tensor(swapped)).item() == pytest.approx(
                    (1 - lam) * l_w(y_a) + lam * l_w(y_b), rel=1e-9)
    # per sample ('none') and with the batch-size mean: linear in t
    np.testing.assert_allclose(
        ldam(
            torch.tensor(cos), torch.tensor(target),
            reduction_override='none').numpy(),
        lam * W5[y_a] * _ldam_per_sample(cos, y_a) +
        (1 - lam) * W5[y_b] * _ldam_per_sample(cos, y_b),
        rtol=1e-9)
    batch = _with_counts(
        LDAMLoss(5, class_weight='effective', class_weight_norm='batch'),
        COUNTS_LT)
    assert batch(
        torch.tensor(cos), torch.tensor(target)).item() == pytest.approx(
            lam * _batch_mean(_ldam_per_sample(cos, y_a), y_a, W5) +
            (1 - lam) * _batch_mean(_ldam_per_sample(cos, y_b), y_b, W5),
            rel=1e-9)


def test_weighted_mean_refuses_soft_targets_of_another_form():
    """A per-sample lam (or label smoothing) is no two-label mixture with
    one lam: the 'weights' mean refuses it, the 'batch' mean takes it."""
    target = torch.tensor([[0.7, 0.0, 0.3], [0.0, 0.4, 0.6]])
    z = torch.tensor(Z, dtype=torch.float32)
    cb = _with_counts(LogitAdjustedLoss(3, tau=0.0, class_weight='effective'))
    with pytest.raises(ValueError, match="class_weight_norm='batch'"):
        cb(z, target)
    batch = _with_counts(
        LogitAdjustedLoss(
            3, tau=0.0, class_weight='effective', class_weight_norm='batch'))
    w = class_weights(torch.tensor(COUNTS), 'effective').numpy()
    expected = (target.numpy() * w * -_log_softmax(Z)).sum(1).mean()
    assert batch(z, target).item() == pytest.approx(expected, rel=1e-5)
    # without class weights any soft target is the expectation
    plain = _with_counts(LogitAdjustedLoss(3, tau=0.0))
    assert plain(z, target).item() == pytest.approx(
        (target.numpy() * -_log_softmax(Z)).sum(1).mean(), rel=1e-5)


def test_soft_focal_is_expectation_over_labels():
    """A soft target takes the expectation of the per-label loss (CutMix's
    lam FL(y_a) + (1 - lam) FL(y_b)), for the focal losses too."""
    lam, a, b = 0.6, torch.tensor(Y), torch.tensor([2, 0])
    target = lam * F.one_hot(a, 3).float() + (1 - lam) * F.one_hot(b, 3)
    z = torch.tensor(Z, dtype=torch.float32)
    for loss in (SoftmaxFocalLoss(3, gamma=2.0), SigmoidFocalLoss(3)):
        loss = _with_counts(loss)
        assert loss(z, target).item() == pytest.approx(
            (lam * loss(z, a) + (1 - lam) * loss(z, b)).item(), rel=1e-6)
