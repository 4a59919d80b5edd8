"""FixMatch's batch, pseudo-labels and loss; the semi-supervised sampler."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmengine.config import Config
from mmengine.optim import OptimWrapper
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmlt.datasets import (MNIST5k, SemiSupervisedDataset,
                           SemiSupervisedSampler, SemiSupervisedSplit,
                           UniformSampler)
from mmlt.utils import derive_seed

CONFIG = 'configs/semi/fixmatch_r8_mnist5k-lt-if100-semi.py'


def _model(threshold=0.5):
    cfg = Config.fromfile(CONFIG)
    model = MODELS.build(
        dict(
            cfg.model,
            threshold=threshold,
            data_preprocessor=cfg.data_preprocessor))
    # features: the first 64 pixels / 20, so the loss can be written by hand
    model.extract_feat = lambda x: (x.flatten(1)[:, :64] / 20, )
    return model


def test_pseudo_labels_keep_the_confident_weak_views():
    model = _model(threshold=0.6)
    logits = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.5, 0.4, 0.1]]))
    labels, mask = model.pseudo_labels(logits, [])
    assert labels.tolist() == [0, 0] and mask.tolist() == [True, False]


def test_train_step_loss_by_hand():
    torch.manual_seed(0)
    model = _model()
    images = [torch.randint(0, 255, (1, 28, 28)).float() for _ in range(6)]
    prep = model.data_preprocessor

    def logits(imgs):
        x = prep(dict(inputs=imgs), True)['inputs']
        return model.head.fc(x.flatten(1)[:, :64] / 20)

    with torch.no_grad():  # a threshold between the two weak confidences
        model.threshold = float(
            logits(images[2:4]).softmax(1).max(1).values.mean())
    samples = [DataSample().set_gt_label(c) for c in (3, 7)]
    data = dict(
        inputs=images[:2],
        data_samples=samples,
        unlabeled=[
            dict(
                inputs=[images[2:4], images[4:6]],
                data_samples=[
                    DataSample(metainfo=dict(sample_idx=i)) for i in (0, 1)
                ])
        ])
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.0))
    log_vars = model.train_step(data, optim)

    supervised = F.cross_entropy(logits(images[:2]), torch.tensor([3, 7]))
    weak = logits(images[2:4]).softmax(1)
    mask = weak.max(1).values >= model.threshold
    strong = F.cross_entropy(
        logits(images[4:6]), weak.argmax(1), reduction='none')
    expected = supervised + (strong * mask).mean()
    assert 0 < mask.sum() < 2, 'the case should mask one of the two'
    assert torch.allclose(log_vars['loss'], expected, atol=1e-5)
    assert torch.allclose(log_vars['loss_labeled'], supervised, atol=1e-5)
    assert log_vars['mask_rate'] == mask.float().mean()


def test_sampler_pairs_mu_unlabeled_with_each_labeled_index():
    pool = MNIST5k(split='train', pipeline=[])
    split = dict(num_labeled=40, num_unlabeled=40, imb_factor=10)
    data = SemiSupervisedDataset(
        SemiSupervisedSplit(pool, part='labeled', **split),
        SemiSupervisedSplit(pool, part='unlabeled', **split))
    sampler = SemiSupervisedSampler(data, mu=3, seed=5, num_samples=50)
    pairs = list(sampler)
    assert len(pairs) == len(sampler) == 50
    labeled = UniformSampler(data, seed=5, num_samples=50)
    assert [i for i, _ in pairs] == list(labeled)
    unlabeled = UniformSampler(
        data.unlabeled,
        seed=derive_seed(5, SemiSupervisedSampler.UNLABELED_STREAM),
        num_samples=150)
    assert [j for _, js in pairs for j in js] == list(unlabeled)
    assert all(len(js) == 3 for _, js in pairs)
    sampler.set_epoch(1)
    assert list(sampler) != pairs
    item = data[pairs[0]]
    assert len(item['unlabeled']) == 3
    assert 'gt_label' not in item['unlabeled'][0]
    assert np.isin(data.get_gt_labels(), range(10)).all()


def test_darp_pseudo_labels_are_the_refined_rows():
    from mmengine.logging import MessageHub

    from mmlt.models import darp_refine
    cfg = Config.fromfile(
        'configs/semi/darp-fixmatch_r8_mnist5k-lt-if100-semi.py').model
    model = MODELS.build(dict(cfg, start_iter=2, interval=2, threshold=0.5))
    model.set_class_counts([3.] + [1.] * 9)
    hub = MessageHub.get_current_instance()
    samples = [DataSample(metainfo=dict(sample_idx=i)) for i in range(4)]
    torch.manual_seed(0)
    logits = torch.randn(4, 10) * 3
    hub.update_info('iter', 0)  # before start_iter: FixMatch's own
    labels, mask = model.pseudo_labels(logits, samples)
    assert labels.tolist() == logits.argmax(1).tolist()
    assert not model.refined.any()
    hub.update_info('iter', 2)  # refines all four seen rows
    labels, mask = model.pseudo_labels(logits, samples)
    # M_k: the labeled distribution (3, 1, ..., 1) / 12 scaled to 4 images
    target = torch.tensor([3.] + [1.] * 9, dtype=torch.float64) / 3
    refined = darp_refine(logits.softmax(1), target, num_iters=10)
    assert torch.allclose(model.refined, refined.float())
    assert labels.tolist() == refined.argmax(1).tolist()
    assert mask.tolist() == (refined.max(1).values >= 0.5).tolist()
    # resume: the tables load at their saved size
    fresh = MODELS.build(dict(cfg, start_iter=2, interval=2))
    fresh.load_state_dict(model.state_dict())
    assert torch.equal(fresh.refined, model.refined)


def _abc(counts):
    cfg = Config.fromfile(
        'configs/semi/abc-fixmatch_r8_mnist5k-lt-if100-semi.py').model
    model = MODELS.build(dict(cfg, threshold=0.0))
    model.set_class_counts(counts)
    return model


def test_abc_keeps_each_class_with_probability_n_min_over_n_c():
    model = _abc([40.] + [10.] * 8 + [4.])
    labels = torch.tensor([0, 1, 9])
    assert torch.allclose(
        model.keep_probability(labels), torch.tensor([0.1, 0.4, 1.0]))
    torch.manual_seed(0)
    draws = torch.bernoulli(
        model.keep_probability(torch.zeros(20000, dtype=torch.long)))
    assert draws.mean().item() == pytest.approx(0.1, abs=0.01)


def test_abc_losses_by_hand_on_balanced_counts():
    # balanced counts: every mask is 1 (threshold 0), the ABC terms are
    # plain cross-entropies of the auxiliary head
    model = _abc([5.] * 10)
    torch.manual_seed(0)
    feats = [(torch.randn(n, 64), ) for n in (3, 4, 4)]
    labeled = [DataSample().set_gt_label(c) for c in (0, 4, 9)]
    losses = model.semi_losses(*feats, labeled, [])
    aux = model.aux_head
    assert torch.allclose(
        losses['loss_abc_labeled'],
        F.cross_entropy(aux(feats[0]), torch.tensor([0, 4, 9])))
    pseudo = aux(feats[1]).argmax(1)
    assert torch.allclose(losses['loss_abc_unlabeled'],
                          F.cross_entropy(aux(feats[2]), pseudo))
    assert losses['abc_mask_rate'] == 1
    # prediction is the auxiliary head's
    model.eval()
    model.extract_feat = lambda x: (x, )
    out = model.predict(feats[0][0])
    expected = aux(feats[0]).softmax(1)
    assert torch.allclose(
        torch.stack([s.pred_score for s in out]), expected, atol=1e-6)


def test_pseudo_label_quality_by_hand():
    from mmlt.engine.hooks import pseudo_label_quality

    # pseudo-labels 0, 0, 1, (dropped: confidence 0.55 < 0.6), true 0 1 1 2
    logits = torch.log(
        torch.tensor([[.9, .05, .05], [.7, .2, .1], [.1, .8, .1],
                      [.55, .4, .05]]))
    q = pseudo_label_quality(logits, torch.tensor([0, 1, 1, 2]), 0.6)
    assert q['precision'][:2] == [0.5, 1.0] and np.isnan(q['precision'][2])
    assert q['recall'] == [1.0, 0.5, 0.0]
    assert q['kept'] == 0.75


def test_pseudo_label_hook_scores_the_unlabeled_set(tmp_path):
    import json

    from conftest import tiny_cfg
    from mmengine.runner import Runner
    cfg = tiny_cfg(tmp_path, config=CONFIG)
    cfg.custom_hooks = [dict(type='PseudoLabelHook', interval=1, threshold=0)]
    Runner.from_cfg(cfg).train()
    lines = open(tmp_path / 'pseudo_labels.json').read().splitlines()
    record = json.loads(lines[-1])
    assert record['epoch'] == 1 and record['kept'] == 1.0
    # threshold 0: every image has a pseudo-label; recall is defined for
    # every class of the unlabeled set (all ten are in it)
    assert all(0 <= r <= 1 for r in record['recall'])


def test_abc_masks_the_labeled_loss_by_class():
    # counts 40 / 10 / ... / 4: keep probabilities 0.1, 0.4, ..., 1; the
    # labeled term is the CE of the kept images (the same Bernoulli draws)
    model = _abc([40.] + [10.] * 8 + [4.])
    feats = [(torch.randn(n, 64), ) for n in (6, 2, 2)]
    labels = torch.tensor([0, 0, 0, 1, 9, 9])
    labeled = [DataSample().set_gt_label(int(c)) for c in labels]
    torch.manual_seed(3)
    losses = model.semi_losses(*feats, labeled, [])
    torch.manual_seed(3)
    keep = torch.bernoulli(model.keep_probability(labels))
    ce = F.cross_entropy(model.aux_head(feats[0]), labels, reduction='none')
    assert torch.allclose(losses['loss_abc_labeled'], (ce * keep).mean())
    assert keep[4:].tolist() == [1., 1.]  # the smallest class always


def test_overlapping_parts_and_infeasible_targets_are_errors():
    import pytest

    from mmlt.models import darp_refine
    pool = MNIST5k(split='train', pipeline=[])
    labeled = SemiSupervisedSplit(
        pool, part='labeled', num_labeled=40, num_unlabeled=40, imb_factor=10)
    unlabeled = SemiSupervisedSplit(
        pool,
        part='unlabeled',
        num_labeled=20,
        num_unlabeled=40,
        imb_factor=10)  # starts at its own N_k: shares images
    with pytest.raises(ValueError, match='in both parts'):
        SemiSupervisedDataset(labeled, unlabeled)
    probs = torch.tensor([[1., 0.], [1., 0.]])
    with pytest.raises(ValueError, match='no refinement meets'):
        darp_refine(probs, torch.tensor([1., 1.]))


def test_darp_target_from_the_unlabeled_split_and_the_combined_model():
    from types import SimpleNamespace

    from mmengine.logging import MessageHub

    from mmlt.datasets import semi_split_counts
    from mmlt.engine.hooks import ClassCountsHook
    from mmlt.models import ABCFixMatch, DARPABCFixMatch, darp_refine
    cfg = Config.fromfile(
        'configs/semi/darp-abc-fixmatch_r8_mnist5k-lt-if100-semi.py')
    pool = MNIST5k(split='train', pipeline=[])
    split = dict(
        num_labeled=190,
        num_unlabeled=190,
        imb_factor=100,
        unlabeled_profile='reversed')
    dataset = SemiSupervisedDataset(
        SemiSupervisedSplit(pool, part='labeled', **split),
        SemiSupervisedSplit(pool, part='unlabeled', **split))
    model = MODELS.build(dict(cfg.model, target='unlabeled', threshold=0.))
    assert isinstance(model, ABCFixMatch)
    model.set_class_counts([1.] * 10)
    with pytest.raises(RuntimeError, match='declares no unlabeled counts'):
        model._refine()
    runner = SimpleNamespace(
        model=model, train_dataloader=SimpleNamespace(dataset=dataset))
    ClassCountsHook().before_train(runner)
    labeled, unlabeled = semi_split_counts(10, 190, 190, 100, 'reversed')
    assert model.class_counts.tolist() == list(labeled)  # ABC's masks
    assert model.unlabeled_counts.tolist() == list(unlabeled)  # DARP's
    assert list(unlabeled) == list(labeled)[::-1]
    # the refinement targets the reversed profile scaled to the seen rows
    samples = [DataSample(metainfo=dict(sample_idx=i)) for i in range(20)]
    torch.manual_seed(0)
    logits = torch.randn(20, 10) + 2 * torch.linspace(2, 0, 10)
    MessageHub.get_current_instance().update_info('iter', 600)
    model.pseudo_labels(logits, samples)
    target = torch.as_tensor(unlabeled, dtype=torch.float64)
    expected = darp_refine(
        logits.softmax(1).clamp_min(1e-8), target * 20 / target.sum())
    assert torch.allclose(model.refined, expected.float(), atol=1e-5)
    # T = 10 ends on the row scalings: the columns meet M_k within 1%
    assert torch.allclose(
        model.refined.sum(0).double(), target * 20 / target.sum(), rtol=0.01)
    with pytest.raises(ValueError, match="target must be 'labeled'"):
        MODELS.build(dict(cfg.model, target='estimated'))
    assert DARPABCFixMatch.predict is ABCFixMatch.predict
