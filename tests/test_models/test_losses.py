"""Each loss against a hand computation on small tensors."""
import numpy as np
import pytest
import torch

from mmlt.models.losses import (BalancedSoftmaxLoss, DotRegressionLoss,
                                LDAMLoss, LogitAdjustedLoss, LWRLoss,
                                SigmoidCELoss, SoftmaxFocalLoss, VSLoss,
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
    cb = _with_counts(SoftmaxFocalLoss(3, gamma=2.0, class_weight='effective'))
    w = class_weights(torch.tensor(COUNTS), 'effective').numpy()
    assert _run(cb) == pytest.approx(
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
    lambda: SoftmaxFocalLoss(3, class_weight='effective'),
    lambda: SigmoidCELoss(3)
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
    lambda: DotRegressionLoss()
])
@pytest.mark.parametrize('soft', [False, True])
def test_head_call_and_reductions_agree(make, soft):
    """The head's call (``avg_factor=N``) is the plain mean; ``'none'``
    sums to ``'sum'``, for hard and soft targets."""
    loss = make()
    if hasattr(loss, 'set_class_counts'):
        loss.set_class_counts(COUNTS)
    z = torch.tensor(Z, dtype=torch.float32)
    target = torch.tensor([[0.7, 0.0, 0.3], [0.0, 0.4, 0.6]]) if soft else \
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
