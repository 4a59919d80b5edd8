"""Heads: mmpretrain's contract (forward / loss / predict, sizes of the
parts) and the post-hoc adjusters against hand computations."""
from unittest import TestCase

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmengine import is_seq_of
from mmpretrain.models import LinearClsHead
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmlt.models import BalancedSoftmaxLoss, PosthocInputs
from mmlt.models.heads.lt_linear_head import NormedLinear
from mmlt.models.heads.posthoc import at_value

COUNTS = torch.tensor([50.0, 10.0, 2.0])
FEATS = torch.randn(5, 4)
ADJUSTERS = [
    dict(type='AdditiveLogitAdjust', tau=1.5),
    dict(type='MultiplicativeLogitAdjust', gamma=0.5),
    dict(type='TauNormalize', tau=1.0),
    dict(type='ThresholdMoving'),
    dict(type='ThresholdMoving', cost=[[0, 1, 1], [5, 0, 5], [2, 2, 0]]),
]


def _head(type='LTLinearClsHead', **kwargs):
    """A head in training mode, with counts and a seeded classifier."""
    cfg = dict(type=type, num_classes=3, in_channels=4)
    cfg.update(kwargs)
    head = MODELS.build(cfg)
    head.set_class_counts(COUNTS)
    torch.manual_seed(0)
    head.fc.weight.data = torch.randn(3, 4)
    if head.fc.bias is not None:
        head.fc.bias.data = torch.randn(3)
    return head


def _scores(head, feats):
    return torch.stack([s.pred_score for s in head.predict((feats, ))])


def _samples():
    return [DataSample().set_gt_label(i % 3) for i in range(len(FEATS))]


class TestLTLinearClsHead(TestCase):
    DEFAULT_ARGS = dict(type='LTLinearClsHead', num_classes=3, in_channels=4)
    FAKE_FEATS = (FEATS, )

    def test_initialize(self):
        # the head fills its sizes into the parts that take them
        head = MODELS.build(
            dict(
                self.DEFAULT_ARGS,
                loss=dict(type='BalancedSoftmaxLoss'),
                weight_reg=dict(type='LWRLoss', projector=True)))
        self.assertEqual(head.loss_module.num_classes, 3)
        self.assertEqual(head.loss_module.class_counts.shape, (3, ))
        self.assertEqual(head.weight_reg.projector[0].in_features, 4)
        # mmpretrain's CrossEntropyLoss takes no num_classes
        loss = dict(type='CrossEntropyLoss', loss_weight=1.0)
        MODELS.build(dict(self.DEFAULT_ARGS, loss=loss))
        self.assertEqual(loss, dict(type='CrossEntropyLoss', loss_weight=1.0))
        # the same size given is fine; another is an error naming both
        MODELS.build(
            dict(
                self.DEFAULT_ARGS,
                loss=dict(type='BalancedSoftmaxLoss', num_classes=3)))
        with self.assertRaisesRegex(
                ValueError, r'LTLinearClsHead has `num_classes=3` but '
                r'`loss.num_classes=10`'):
            MODELS.build(
                dict(
                    self.DEFAULT_ARGS,
                    loss=dict(type='BalancedSoftmaxLoss', num_classes=10)))
        with self.assertRaisesRegex(
                ValueError, r'NormedLinearClsHead has `in_channels=4` but '
                r'`weight_reg.in_channels=64`'):
            MODELS.build(
                dict(
                    self.DEFAULT_ARGS,
                    type='NormedLinearClsHead',
                    weight_reg=dict(type='LWRLoss', in_channels=64)))
        with self.assertRaisesRegex(ValueError, r'`loss.num_classes=10`'):
            MODELS.build(dict(self.DEFAULT_ARGS, loss=BalancedSoftmaxLoss(10)))

    def test_forward(self):
        head = _head(posthoc=ADJUSTERS[0])
        logits = FEATS @ head.fc.weight.t() + head.fc.bias
        self.assertTrue(torch.allclose(head(self.FAKE_FEATS), logits))
        self.assertTrue(
            torch.allclose(_head().eval()(self.FAKE_FEATS), logits))
        for cfg in ADJUSTERS:
            head = _head(posthoc=cfg).eval()
            adjusted = head.posthoc(head.posthoc_inputs(FEATS))
            self.assertTrue(torch.equal(head(self.FAKE_FEATS), adjusted))
            self.assertFalse(torch.allclose(adjusted, logits))

    def test_posthoc_inputs(self):
        head = _head()
        inputs = head.posthoc_inputs(FEATS)
        self.assertIsInstance(inputs, PosthocInputs)
        self.assertIs(inputs.feats, FEATS)
        self.assertIs(inputs.weight, head.fc.weight)
        self.assertIs(inputs.bias, head.fc.bias)
        self.assertTrue(torch.equal(inputs.class_counts, COUNTS.double()))
        self.assertTrue(
            torch.allclose(inputs.log_prior, torch.log(COUNTS / COUNTS.sum())))
        self.assertTrue(torch.equal(inputs.logits, head.fc(FEATS)))

    def test_loss(self):
        # the plain logits, also in eval mode with an adjuster
        head = _head(posthoc=ADJUSTERS[0]).eval()
        labels = torch.cat([s.gt_label for s in _samples()])
        losses = head.loss(self.FAKE_FEATS, _samples())
        self.assertEqual(losses.keys(), {'loss'})
        self.assertAlmostEqual(
            losses['loss'].item(),
            F.cross_entropy(head.fc(FEATS), labels).item(),
            places=6)
        # the weight regulariser joins the losses
        head = _head(
            loss=dict(type='BalancedSoftmaxLoss', num_classes=3),
            weight_reg=dict(type='LWRLoss', in_channels=4, theta=-1.0))
        head.loss_module.set_class_counts(COUNTS)
        losses = head.loss(self.FAKE_FEATS, _samples())
        self.assertEqual(losses.keys(), {'loss', 'loss_lwr'})
        expected = head.weight_reg.repulsion(head.fc.weight, -1.0, 0.1)
        self.assertTrue(torch.allclose(losses['loss_lwr'], expected))

    def test_predict(self):
        # the softmax of forward, for every head and adjuster
        for type in ('LTLinearClsHead', 'NormedLinearClsHead', 'LWSHead',
                     'ETFHead'):
            for cfg in [None] + ADJUSTERS:
                head = _head(type, posthoc=cfg).eval()
                self.assertTrue(
                    torch.equal(
                        _scores(head, FEATS),
                        F.softmax(head(self.FAKE_FEATS), 1)), (type, cfg))
        samples = _samples()
        predictions = head.predict(self.FAKE_FEATS, samples)
        self.assertTrue(is_seq_of(predictions, DataSample))
        for sample, pred in zip(samples, predictions):
            self.assertIs(sample, pred)
            self.assertIn('pred_label', pred)

    def test_loads_mmpretrain_linear_head_checkpoint(self):
        plain = LinearClsHead(num_classes=3, in_channels=4)
        head = MODELS.build({
            **self.DEFAULT_ARGS, 'posthoc':
            dict(type='AdditiveLogitAdjust')
        })
        missing, unexpected = head.load_state_dict(
            plain.state_dict(), strict=False)
        self.assertEqual((missing, unexpected), (['class_counts'], []))
        with self.assertRaisesRegex(RuntimeError, 'ClassCountsHook'):
            head.eval().predict(self.FAKE_FEATS)

    def test_mid_channels(self):
        """Hidden FC + ReLU layers before ``fc`` (FACoG's two-layer f_cls);
        the adjusters and ``weight_reg`` see the hidden output."""
        head = MODELS.build(
            dict(
                self.DEFAULT_ARGS,
                mid_channels=[5],
                weight_reg=dict(type='LWRLoss', projector=True),
                posthoc=dict(type='AdditiveLogitAdjust', tau=1.0)))
        head.set_class_counts(COUNTS)
        hidden, fc = head.hidden[0], head.fc
        self.assertEqual((fc.in_features, fc.out_features), (5, 3))
        self.assertEqual(head.weight_reg.projector[0].in_features, 5)
        expected = fc(torch.relu(hidden(FEATS)))
        self.assertTrue(torch.allclose(head.train()((FEATS, )), expected))
        adjusted = expected - torch.log(
            torch.tensor(COUNTS, dtype=torch.float) / sum(COUNTS))
        self.assertTrue(
            torch.allclose(head.eval()((FEATS, )), adjusted, atol=1e-5))
        # without mid_channels the head is mmpretrain's linear head
        self.assertEqual(len(_head().hidden), 0)


class TestPosthocAdjusters(TestCase):
    """Predictions of an eval head with each adjuster, by hand."""

    def test_additive(self):
        head = _head(posthoc=dict(type='AdditiveLogitAdjust', tau=1.5))
        logits = FEATS @ head.fc.weight.t() + head.fc.bias
        expected = F.softmax(logits - 1.5 * torch.log(COUNTS / COUNTS.sum()),
                             1)
        # training is untouched: forward gives the plain logits
        assert torch.allclose(head((FEATS, )), logits, atol=1e-6)
        assert torch.allclose(_scores(head.eval(), FEATS), expected, atol=1e-6)

    def test_at_value(self):
        """A copy at the searched value; None is no adjustment."""
        tau_norm = MODELS.build(dict(type='TauNormalize', tau=1.0))
        half = at_value(tau_norm, 0.5)
        assert half.tau == 0.5 and tau_norm.tau == 1.0
        assert at_value(tau_norm, None) is None

    def test_multiplicative_and_tau_norm(self):
        head = _head(posthoc=dict(type='MultiplicativeLogitAdjust', gamma=0.5))
        w, b = head.fc.weight, head.fc.bias
        unit = w / w.norm(dim=1, keepdim=True)
        expected = FEATS @ (unit * COUNTS[:, None]**-0.5).t()  # no bias
        assert torch.allclose(
            _scores(head.eval(), FEATS), F.softmax(expected, 1), atol=1e-6)
        head = _head(posthoc=dict(type='TauNormalize', tau=1.0)).eval()
        assert torch.allclose(
            _scores(head, FEATS),
            F.softmax(FEATS @ unit.t() + b, 1),
            atol=1e-6)
        head = _head(posthoc=dict(type='TauNormalize', tau=0.0)).eval()
        assert torch.allclose(
            _scores(head, FEATS), F.softmax(FEATS @ w.t() + b, 1), atol=1e-6)

    def test_tau_norm_without_bias(self):
        """classifier-balancing's tau-norm: f^T w_c / ||w_c||^tau, no bias."""
        head = _head(
            posthoc=dict(type='TauNormalize', tau=0.5,
                         keep_bias=False)).eval()
        w = head.fc.weight
        expected = FEATS @ (w / w.norm(dim=1, keepdim=True)**0.5).t()
        assert torch.allclose(head((FEATS, )), expected, atol=1e-6)
        kept = _head(posthoc=dict(type='TauNormalize', tau=0.5)).eval()
        assert torch.allclose(
            kept((FEATS, )), expected + head.fc.bias, atol=1e-6)

    def test_threshold_moving(self):
        head = _head(posthoc=dict(type='ThresholdMoving'))
        p = F.softmax(head((FEATS, )), 1)
        moved = p / COUNTS  # default cost: p*_i ∝ p_i * (C - 1) n_max / n_i
        assert torch.allclose(
            _scores(head.eval(), FEATS),
            moved / moved.sum(1, keepdim=True),
            atol=1e-6)
        cost = [[0, 1, 1], [5, 0, 5], [2, 2, 0]]
        head = _head(posthoc=dict(type='ThresholdMoving', cost=cost)).eval()
        moved = p * torch.tensor([2.0, 10.0, 4.0])
        assert torch.allclose(
            _scores(head, FEATS),
            moved / moved.sum(1, keepdim=True),
            atol=1e-6)
        with pytest.raises(ValueError, match='cost'):
            _head(posthoc=dict(type='ThresholdMoving',
                               cost=[[0, 1], [1, 0]])).eval().predict(
                                   (FEATS, ))


class TestNormedLinearClsHead(TestCase):

    def test_forward(self):
        normed = MODELS.build(
            dict(type='NormedLinearClsHead', num_classes=3, in_channels=4))
        normed.init_weights()
        normed.predict_scale = 30.0
        assert torch.allclose(normed.eval()((FEATS, )),
                              30 * normed.train()((FEATS, )))
        logits = normed((FEATS * 100, ))
        assert logits.abs().max() <= 1 + 1e-6 and normed.fc.bias is None
        expected = F.normalize(
            FEATS, dim=1) @ F.normalize(
                normed.fc.weight, dim=1).t()
        assert torch.allclose(logits, expected, atol=1e-6)

    def test_scale(self):
        """``scale`` multiplies the cosines in both modes (a plain-logit
        loss trains on ``s * cos``); ``predict_scale`` only in eval."""
        normed = MODELS.build(
            dict(
                type='NormedLinearClsHead',
                num_classes=3,
                in_channels=4,
                scale=30.0,
                predict_scale=2.0))
        normed.init_weights()
        cos = normed.fc(FEATS)
        assert torch.allclose(normed.train()((FEATS, )), 30 * cos)
        assert torch.allclose(normed.eval()((FEATS, )), 60 * cos)

    def test_unit_norm_init(self):
        """LDAM-DRW's NormedLinear: uniform(-1, 1) entries, each class vector
        renormalised to norm 1 (also when a stage re-initialises it)."""
        torch.manual_seed(3)
        drawn = torch.empty(10, 64).uniform_(-1, 1)
        expected = drawn / drawn.norm(dim=1, keepdim=True)
        torch.manual_seed(3)
        self.assertTrue(
            torch.allclose(NormedLinear(64, 10).weight, expected, atol=1e-6))
        head = MODELS.build(
            dict(type='NormedLinearClsHead', num_classes=10, in_channels=64))
        self.assertIsInstance(head.fc, NormedLinear)
        head.init_weights()  # no init_cfg: the layer's own initialisation
        norms = head.fc.weight.norm(dim=1)
        self.assertTrue(torch.allclose(norms, torch.ones(10), atol=1e-6))
        head.fc.weight.data.mul_(4.5)
        head.fc.reset_parameters()
        self.assertTrue(
            torch.allclose(
                head.fc.weight.norm(dim=1), torch.ones(10), atol=1e-6))


class TestLWSHead(TestCase):

    def test_forward(self):
        lws = MODELS.build(dict(type='LWSHead', num_classes=3, in_channels=4))
        lws.scales.data = torch.tensor([1.0, 2.0, 0.5])
        assert torch.allclose(lws((FEATS, )), lws.fc(FEATS) * lws.scales)
        assert np.isclose(lws.scales.detach().numpy(), [1, 2, 0.5]).all()


class TestNCMHead(TestCase):
    DEFAULT_ARGS = dict(type='NCMHead', num_classes=3, in_channels=4)
    FAKE_FEATS = (FEATS, )

    def test_initialize(self):
        with self.assertRaisesRegex(ValueError, '`posthoc` does not apply'):
            MODELS.build({**self.DEFAULT_ARGS, 'posthoc': ADJUSTERS[0]})

    def test_forward(self):
        head = MODELS.build(self.DEFAULT_ARGS)
        self.assertTrue(torch.equal(head(self.FAKE_FEATS), head.fc(FEATS)))
        with self.assertRaisesRegex(RuntimeError, 'ClassMeanHook'):
            head.eval()(self.FAKE_FEATS)
        scales = torch.tensor([[2.0], [1.0], [3.0]])
        head.class_means.copy_(torch.eye(3, 4) * scales)
        # cosines to the class means: the normalised first 3 coordinates
        expected = F.normalize(FEATS, dim=1)[:, :3]
        self.assertTrue(
            torch.allclose(head(self.FAKE_FEATS), expected, atol=1e-6))

    def test_centred_l2_reference(self):
        """classifier-balancing's KNNClassifier defaults ('cl2n', 'l2'):
        x = (f - mu) / ||f - mu||, score -||x - c_k||^2."""
        head = MODELS.build(
            dict(self.DEFAULT_ARGS, centred=True, similarity='l2')).eval()
        means = torch.randn(3, 4)
        head.class_means.copy_(means)
        with self.assertRaisesRegex(RuntimeError, 'feat_mean'):
            head(self.FAKE_FEATS)
        mu = torch.tensor([0.5, -1.0, 2.0, 0.0])
        head.feat_mean.copy_(mu)
        x = (FEATS - mu) / (FEATS - mu).norm(dim=1, keepdim=True)
        expected = -((x[:, None, :] - means[None])**2).sum(-1)
        self.assertTrue(
            torch.allclose(head(self.FAKE_FEATS), expected, atol=1e-5))
        # mmlt's defaults: no feat_mean buffer (CE checkpoints load as
        # before), cosine
        plain = MODELS.build(self.DEFAULT_ARGS)
        self.assertNotIn('feat_mean', plain.state_dict())
        with self.assertRaisesRegex(ValueError, 'similarity'):
            MODELS.build(dict(self.DEFAULT_ARGS, similarity='dot'))

    def test_predict(self):
        head = MODELS.build(self.DEFAULT_ARGS).eval()
        head.class_means.copy_(torch.randn(3, 4))
        self.assertTrue(
            torch.equal(
                _scores(head, FEATS), F.softmax(head(self.FAKE_FEATS), 1)))
