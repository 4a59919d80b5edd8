"""ETF classifier, dot-regression, feature regularisation, MaxNorm, FDR."""
import numpy as np
import pytest
import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmlt.engine.hooks import MaxNormHook
from mmlt.evaluation import (cosine_similarities, fisher_discriminant_ratio,
                             per_class_norms)
from mmlt.models import simplex_etf
from mmlt.models.losses import DotRegressionLoss


def test_simplex_etf_gram_matrix():
    k = 5
    etf = simplex_etf(k, 16, seed=3)
    gram = (etf @ etf.t()).double()
    expected = torch.full((k, k), -1 / (k - 1), dtype=torch.float64)
    expected.fill_diagonal_(1.0)  # K/(K-1) I - 1/(K-1) 11^T
    assert torch.allclose(gram, expected, atol=1e-6)
    assert torch.equal(etf, simplex_etf(k, 16, seed=3))
    with pytest.raises(ValueError, match='at least 5 dimensions'):
        simplex_etf(5, 4)


def test_etf_head_is_fixed_and_normalises_features():
    head = MODELS.build(
        dict(
            type='ETFHead',
            num_classes=4,
            in_channels=8,
            feat_norm=True,
            loss=dict(type='DotRegressionLoss')))
    assert not head.fc.weight.requires_grad and head.fc.bias is None
    head.init_weights()
    assert torch.equal(head.fc.weight, simplex_etf(4, 8))
    feats = torch.randn(6, 8) * 10
    assert torch.allclose(
        head.pre_logits((feats, )).norm(dim=1), torch.ones(6), atol=1e-5)


def test_dot_regression_hand_computed():
    scores = torch.tensor([[0.5, -0.2], [0.1, 0.9]])
    loss = DotRegressionLoss()(scores, torch.tensor([0, 1]))
    # 1/(2*1) * ((0.5 - 1)^2 + (0.9 - 1)^2) / 2
    assert loss.item() == pytest.approx(((0.5**2) + (0.1**2)) / 4)
    scaled = DotRegressionLoss(e_w=4.0, e_h=1.0)(scores, torch.tensor([0, 1]))
    # sqrt(E_W E_H) = 2: 1/4 * ((0.5-2)^2 + (0.9-2)^2) / 2
    assert scaled.item() == pytest.approx((1.5**2 + 1.1**2) / 8)


def test_feature_regularisation_term():
    head = MODELS.build(
        dict(
            type='LTLinearClsHead',
            num_classes=3,
            in_channels=2,
            feat_reg=0.01))
    feats = torch.tensor([[3.0, 4.0], [0.0, 1.0]])
    losses = head.loss((feats, ), [DataSample().set_gt_label(0)] * 2)
    # 0.01 / 2 * mean(25, 1)
    assert losses['loss_feat'].item() == pytest.approx(0.005 * 13)


def test_max_norm_projection():
    weight = torch.tensor([[3.0, 4.0], [0.3, 0.4], [0.0, 2.0]])
    before = weight.clone()
    MaxNormHook.project(weight, 1.0)
    assert (weight.norm(dim=1) <= 1.0 + 1e-6).all()
    assert torch.equal(weight[1], before[1])  # compliant row unchanged
    assert torch.allclose(weight[0], before[0] / 5)  # direction kept
    assert torch.allclose(weight[2], torch.tensor([0.0, 1.0]))


def test_fisher_discriminant_ratio_two_classes():
    # class 0: {0, 2}, class 1: {5, 7}; S_w = 4/4 = 1, S_b = 4*2.5^2/4
    feats = np.array([[0.0], [2.0], [5.0], [7.0]])
    labels = np.array([0, 0, 1, 1])
    assert fisher_discriminant_ratio(feats, labels) == pytest.approx(6.25)
    # a dead (constant) dimension is ignored, not divided by zero
    dead = np.hstack([feats, np.zeros((4, 1))])
    assert fisher_discriminant_ratio(dead, labels) == pytest.approx(6.25)
    # 2-D: two independent informative dimensions add up
    two = np.array([[0, 0], [2, 2], [5, 5], [7, 9]], dtype=float)
    s_w = np.array([[1.0, 1.5], [1.5, 2.5]])
    s_b = np.array([[6.25, 7.5], [7.5, 9.0]])
    assert fisher_discriminant_ratio(two, labels) == pytest.approx(
        np.trace(np.linalg.inv(s_w) @ s_b))


def test_cosines_and_norms():
    feats = np.array([[1.0, 0.0], [2.0, 0.0], [0.0, 1.0], [0.0, 3.0]])
    labels = np.array([0, 0, 1, 1])
    stats = cosine_similarities(feats, labels)
    assert stats == dict(intra=1.0, inter=0.0)
    np.testing.assert_allclose(
        per_class_norms(feats, labels, 3), [1.5, 2.0, np.nan])


def test_fixed_bn_has_constant_affine():
    from mmcv.cnn import build_norm_layer
    _, bn = build_norm_layer(dict(type='FixedBN', scale=2.0, shift=0.5), 3)
    assert list(bn.parameters()) == []
    x = torch.randn(16, 3, 4, 4) * 5 + 3
    y = bn.train()(x)
    # per channel: normalised, then 2 * x_hat + 0.5
    assert torch.allclose(y.mean((0, 2, 3)), torch.full((3, ), 0.5), atol=1e-5)
    assert torch.allclose(
        y.var((0, 2, 3), unbiased=False), torch.full((3, ), 4.0), atol=1e-3)
    assert bn.num_batches_tracked == 1  # running statistics still tracked
    with pytest.raises(ValueError, match='affine'):
        build_norm_layer(dict(type='FixedBN', affine=True), 3)


def test_wd_fixed_bn_backbone_has_no_bn_parameters():
    plain = MODELS.build(dict(type='ResNetLDAM', depth=8, in_channels=1))
    fixed = MODELS.build(
        dict(
            type='ResNetLDAM',
            depth=8,
            in_channels=1,
            norm_cfg=dict(type='FixedBN')))
    convs = {n for n, _ in plain.named_parameters() if 'conv' in n}
    assert {n for n, _ in fixed.named_parameters()} == convs
    # BN layers keep their names: running statistics load from either
    assert {k for k in fixed.state_dict() if 'running_mean' in k} == \
        {k for k in plain.state_dict() if 'running_mean' in k}
    assert fixed(torch.randn(2, 1, 28, 28))[0].shape == (2, 64, 7, 7)
