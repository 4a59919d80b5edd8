import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmpretrain.models import LinearClsHead
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

COUNTS = torch.tensor([50.0, 10.0, 2.0])


def _head(**kwargs):
    cfg = dict(type='LTLinearClsHead', num_classes=3, in_channels=4)
    cfg.update(kwargs)
    head = MODELS.build(cfg)
    head.set_class_counts(COUNTS)
    torch.manual_seed(0)
    head.fc.weight.data = torch.randn(3, 4)
    head.fc.bias.data = torch.randn(3)
    return head


def _scores(head, feats):
    return torch.stack(
        [s.pred_score for s in head.predict((feats, ))])


FEATS = torch.randn(5, 4)


def test_additive_posthoc():
    head = _head(posthoc=dict(type='AdditiveLogitAdjust', tau=1.5))
    logits = FEATS @ head.fc.weight.t() + head.fc.bias
    expected = F.softmax(logits - 1.5 * torch.log(COUNTS / COUNTS.sum()), 1)
    assert torch.allclose(_scores(head, FEATS), expected, atol=1e-6)
    # training is untouched: forward gives the plain logits
    assert torch.allclose(head((FEATS, )), logits, atol=1e-6)


def test_multiplicative_and_tau_norm():
    head = _head(posthoc=dict(type='MultiplicativeLogitAdjust', gamma=0.5))
    w, b = head.fc.weight, head.fc.bias
    unit = w / w.norm(dim=1, keepdim=True)
    expected = FEATS @ (unit * COUNTS[:, None]**-0.5).t()  # no bias
    assert torch.allclose(_scores(head, FEATS), F.softmax(expected, 1),
                          atol=1e-6)
    head = _head(posthoc=dict(type='TauNormalize', tau=1.0))
    assert torch.allclose(_scores(head, FEATS),
                          F.softmax(FEATS @ unit.t() + b, 1), atol=1e-6)
    head = _head(posthoc=dict(type='TauNormalize', tau=0.0))
    assert torch.allclose(_scores(head, FEATS),
                          F.softmax(FEATS @ w.t() + b, 1), atol=1e-6)


def test_threshold_moving():
    head = _head(posthoc=dict(type='ThresholdMoving'))
    p = F.softmax(head((FEATS, )), 1)
    moved = p / COUNTS  # default cost: p*_i ∝ p_i * (C - 1) n_max / n_i
    assert torch.allclose(_scores(head, FEATS),
                          moved / moved.sum(1, keepdim=True), atol=1e-6)
    cost = [[0, 1, 1], [5, 0, 5], [2, 2, 0]]
    head = _head(posthoc=dict(type='ThresholdMoving', cost=cost))
    moved = p * torch.tensor([2.0, 10.0, 4.0])
    assert torch.allclose(_scores(head, FEATS),
                          moved / moved.sum(1, keepdim=True), atol=1e-6)
    with pytest.raises(ValueError, match='cost'):
        _head(posthoc=dict(type='ThresholdMoving', cost=[[0, 1], [1, 0]]
                           )).predict((FEATS, ))


def test_loads_mmpretrain_linear_head_checkpoint():
    plain = LinearClsHead(num_classes=3, in_channels=4)
    head = MODELS.build(
        dict(type='LTLinearClsHead', num_classes=3, in_channels=4,
             posthoc=dict(type='AdditiveLogitAdjust')))
    missing, unexpected = head.load_state_dict(plain.state_dict(),
                                               strict=False)
    assert missing == ['class_counts'] and unexpected == []
    with pytest.raises(RuntimeError, match='ClassCountsHook'):
        head.predict((FEATS, ))


def test_weight_regulariser_joins_the_losses():
    head = _head(
        loss=dict(type='BalancedSoftmaxLoss', num_classes=3),
        weight_reg=dict(type='LWRLoss', in_channels=4, theta=-1.0))
    head.loss_module.set_class_counts(COUNTS)
    samples = [DataSample().set_gt_label(i % 3) for i in range(5)]
    losses = head.loss((FEATS, ), samples)
    assert set(losses) == {'loss', 'loss_lwr'}
    expected = head.weight_reg.repulsion(head.fc.weight, -1.0, 0.1)
    assert torch.allclose(losses['loss_lwr'], expected)


def test_normed_and_lws_heads():
    normed = MODELS.build(
        dict(type='NormedLinearClsHead', num_classes=3, in_channels=4))
    normed.init_weights()
    normed.predict_scale = 30.0
    assert torch.allclose(normed.eval()((FEATS, )),
                          30 * normed.train()((FEATS, )))
    logits = normed((FEATS * 100, ))
    assert logits.abs().max() <= 1 + 1e-6 and normed.fc.bias is None
    expected = F.normalize(FEATS, dim=1) @ F.normalize(normed.fc.weight,
                                                       dim=1).t()
    assert torch.allclose(logits, expected, atol=1e-6)
    lws = MODELS.build(dict(type='LWSHead', num_classes=3, in_channels=4))
    lws.scales.data = torch.tensor([1.0, 2.0, 0.5])
    assert torch.allclose(lws((FEATS, )), lws.fc(FEATS) * lws.scales)
    assert np.isclose(lws.scales.detach().numpy(), [1, 2, 0.5]).all()
