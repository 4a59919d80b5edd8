"""Self-supervised long-tailed learning: the probes, the temperature
schedule, SDCLR's pruned twin, GH, rwSAM, and short SimCLR runs through
them."""
import copy
import math

import numpy as np
import pytest
import torch
from conftest import REPO
from mmengine.optim import OptimWrapper
from mmengine.runner import Runner

from mmlt.engine.hooks import TemperatureScheduleHook
from mmlt.engine.runners import knn_scores, linear_probe
from mmlt.models.backbones import SelfDamagingBackbone, magnitude_masks
from mmlt.models.selfsup import (gh_loss, kde_weights, sam_update,
                                 sinkhorn_allocation)


def test_knn_scores_by_hand():
    bank = torch.tensor([[1., 0.], [0., 1.], [1., 1.]])
    labels = torch.tensor([0, 1, 1])
    query = torch.tensor([[1., 0.1]])
    scores = knn_scores(bank, labels, query, 3, k=2, temperature=1.0)
    # the two nearest by cosine: bank 0 (label 0), bank 2 (label 1)
    s0 = 1 / math.hypot(1, 0.1)
    s2 = 1.1 / (math.hypot(1, 0.1) * math.sqrt(2))
    v0, v2 = math.exp(s0), math.exp(s2)
    assert scores[0].tolist() == pytest.approx(
        [v0 / (v0 + v2), v2 / (v0 + v2), 0.0], abs=1e-6)


def test_linear_probe_separates_and_is_deterministic():
    gen = torch.Generator().manual_seed(0)
    centres = torch.tensor([[3., 0.], [-3., 0.], [0., 3.]])
    labels = torch.arange(3).repeat_interleave(50)
    feats = centres[labels] + torch.randn(150, 2, generator=gen)
    probe = linear_probe(feats, labels, 3)
    assert (probe(feats).argmax(1) == labels).float().mean() > 0.97
    again = linear_probe(feats, labels, 3)
    assert torch.equal(probe.weight, again.weight)


def test_temperature_schedule_by_hand():
    hook = TemperatureScheduleHook(period=4, tau_min=0.1, tau_max=1.0)
    assert [round(hook.temperature(t), 6) for t in range(5)] == \
        [1.0, 0.55, 0.1, 0.55, 1.0]
    with pytest.raises(ValueError, match='tau_min <= tau_max'):
        TemperatureScheduleHook(period=4, tau_min=1.0, tau_max=0.1)


def test_short_simclr_ts_run_reports_both_probes(make_cfg):
    cfg = make_cfg(
        config=f'{REPO}/configs/ssl/simclr-ts_r8_mnist5k-lt-if100.py')
    runner = Runner.from_cfg(cfg)
    runner.train()
    hook = next(
        h for h in runner.hooks if isinstance(h, TemperatureScheduleHook))
    # set before each iteration: the last one ran at iter 14 of 15
    assert runner.model.head.temperature == hook.temperature(14)
    # the probes are fitted on the training images, unaugmented
    probe_set = runner.val_loop.probe_dataloader.dataset
    assert len(probe_set) == len(runner.train_dataloader.dataset) == 938
    metrics = runner.val_loop.run()
    for probe in ('knn', 'linear'):
        for key in ('balanced_acc', 'many', 'medium', 'few'):
            assert 0 <= metrics[f'{probe}/lt/{key}'] <= 100
    # one epoch of contrastive training already beats chance by far
    assert metrics['linear/lt/balanced_acc'] > 30


def test_magnitude_masks_drop_the_smallest_share_of_each_layer():
    layer = torch.nn.Sequential(
        torch.nn.Linear(10, 20), torch.nn.Conv2d(3, 8, 3))
    masks = magnitude_masks(layer, 0.9)
    assert set(masks) == {'0.weight', '1.weight'}  # no biases
    for name, mask in masks.items():
        weight = dict(layer.named_parameters())[name].abs()
        kept = mask.sum().item()
        assert kept == weight.numel() - int(0.9 * weight.numel())
        # every kept weight is larger than every dropped one
        assert weight[mask == 1].min() > weight[mask == 0].max()
    with pytest.raises(ValueError, match='pruning ratio'):
        magnitude_masks(layer, 1.0)


def test_sdclr_backbone_pairs_dense_and_pruned_views():
    torch.manual_seed(0)
    twin = SelfDamagingBackbone(
        dict(type='ResNetLDAM', depth=8, in_channels=1), prune_ratio=0.5)
    x = torch.randn(6, 1, 28, 28)
    twin.train()
    out = twin(x)[-1]
    # by hand: a copy of the network with the pruned weights, same mode
    pruned = copy.deepcopy(twin.backbone)
    with torch.no_grad():
        for name, weight in pruned.named_parameters():
            if name in twin.masks:
                weight.mul_(twin.masks[name])
    dense = copy.deepcopy(twin.backbone)
    # (the twin's forward updated BN's running statistics once a branch:
    # compare in train mode, where the batch statistics are used)
    assert torch.allclose(out[0::2], dense(x[0::2])[-1], atol=1e-5)
    assert torch.allclose(out[1::2], pruned(x[1::2])[-1], atol=1e-5)
    assert not torch.allclose(out[1::2], dense(x[1::2])[-1], atol=1e-3)
    # evaluation: the dense network alone
    twin.eval()
    assert torch.equal(twin(x)[-1], twin.backbone(x)[-1])
    with pytest.raises(ValueError, match='view pairs'):
        twin.train()(x[:5])


def test_short_sdclr_run(make_cfg):
    cfg = make_cfg(config=f'{REPO}/configs/ssl/sdclr_r8_mnist5k-lt-if100.py')
    runner = Runner.from_cfg(cfg)
    runner.train()
    twin = runner.model.backbone
    assert twin.masks and twin._pruned_at == 0
    metrics = runner.val_loop.run()
    assert 0 <= metrics['knn/lt/few'] <= 100


def test_sinkhorn_allocation_meets_both_marginals():
    gen = torch.Generator().manual_seed(0)
    scores = torch.randn(64, 4, generator=gen)
    prior = torch.tensor([0.4, 0.3, 0.2, 0.1])
    q = sinkhorn_allocation(scores, prior, eps=0.5, iters=50)
    assert torch.allclose(q.sum(1), torch.ones(64), atol=1e-6)
    assert torch.allclose(q.sum(0), 64 * prior, atol=1e-3)


def test_gh_loss_by_hand():
    z = torch.tensor([[1., 0.], [0., 2.]])  # normalised: [1, 0], [0, 1]
    anchors = torch.tensor([[1., 0.], [-1., 0.]])
    prior = torch.tensor([0.5, 0.5])
    # similarities [[1, -1], [0, 0]]; one Sinkhorn round at eps = 0.5 on
    # exp((s - 1) / 0.5) = [[1, e^-4], [e^-2, e^-2]]: columns to N pi = 1,
    # then rows to 1
    e = math.exp
    col0, col1 = 1 + e(-2), e(-4) + e(-2)
    rows = [[1 / col0, e(-4) / col1], [e(-2) / col0, e(-2) / col1]]
    target = [[v / sum(r) for v in r] for r in rows]
    log_q = [[1 - math.log(e(1) + e(-1)), -1 - math.log(e(1) + e(-1))],
             [math.log(0.5), math.log(0.5)]]
    expected = -sum(t * lq for tr, lr in zip(target, log_q)
                    for t, lq in zip(tr, lr)) / 2
    loss = gh_loss(z, anchors, prior, temperature=1.0, eps=0.5, iters=1)
    assert loss.item() == pytest.approx(expected, rel=1e-5)


def test_short_sdclr_gh_run_adds_the_loss_and_estimates_the_prior(make_cfg):
    cfg = make_cfg(
        config=f'{REPO}/configs/ssl/sdclr-gh_r8_mnist5k-lt-if100.py')
    runner = Runner.from_cfg(cfg)
    runner.train()
    model = runner.model
    assert isinstance(model.backbone, SelfDamagingBackbone)
    scalars = runner.message_hub.log_scalars
    assert 'train/loss_gh' in scalars and 'train/loss' in scalars
    # the prior estimate moved from uniform and stays a distribution
    assert model.prior.sum().item() == pytest.approx(1.0, abs=1e-5)
    assert not torch.allclose(model.prior, torch.full((10, ), 0.1))
    state = torch.load(
        f'{cfg.work_dir}/epoch_1.pth', weights_only=False)['state_dict']
    assert torch.equal(state['prior'], model.prior)
    assert 0 <= runner.val_loop.run()['linear/lt/few'] <= 100


def test_kde_weights_by_hand():
    feats = torch.tensor([[0., 0.], [1., 0.], [5., 0.]], dtype=torch.float64)
    weights = kde_weights(feats, bandwidth=1.0, alpha=0.5)
    k = math.exp(-0.5)  # the kernel at distance 1 (the others ~0)
    density = torch.tensor([
        1 + k + math.exp(-12.5), 1 + k + math.exp(-8),
        1 + math.exp(-12.5) + math.exp(-8)
    ]) / 3
    expected = density.double()**-0.5
    assert torch.allclose(weights, expected / expected.mean())
    assert weights[2] > weights[0]  # the isolated sample weighs most
    assert torch.equal(kde_weights(feats, alpha=0.0), torch.ones(3).double())


def test_sam_step_on_a_quadratic():
    a = torch.tensor([[2.0, 0.0], [0.0, 0.5]])
    phi = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
    optim = OptimWrapper(torch.optim.SGD([phi], lr=0.1))

    def loss():
        return 0.5 * phi @ a @ phi

    start = phi.detach().clone()
    sam_update([phi], loss, loss, optim, rho=0.05)
    g = a @ start
    expected = start - 0.1 * a @ (start + 0.05 * g / g.norm())
    assert torch.allclose(phi.detach(), expected, atol=1e-6)
    assert phi.grad is None or not phi.grad.any()  # zeroed after the step


def test_short_simclr_rwsam_run(make_cfg):
    cfg = make_cfg(
        config=f'{REPO}/configs/ssl/simclr-rwsam_r8_mnist5k-lt-if100.py')
    runner = Runner.from_cfg(cfg)
    before = copy.deepcopy(runner.model.backbone.state_dict())
    runner.train()
    model = runner.model
    assert model.model.head.loss_module.reduction == 'none'
    after = model.backbone.state_dict()
    assert not torch.equal(before['conv1.weight'], after['conv1.weight'])
    assert math.isfinite(runner.message_hub.get_scalar('train/loss').current())
    assert 0 <= runner.val_loop.run()['knn/lt/balanced_acc'] <= 100
    # a plain DDP wrapper would call the loss directly and skip the ascent
    data = runner.model.data_preprocessor(
        next(iter(runner.train_dataloader)), True)
    with pytest.raises(RuntimeError, match='SAMDistributedDataParallel'):
        model(**data, mode='loss')
    accumulating = OptimWrapper(
        torch.optim.SGD(model.parameters(), lr=0.1), accumulative_counts=2)
    with pytest.raises(ValueError, match='accumulative_counts'):
        model.train_step(next(iter(runner.train_dataloader)), accumulating)


def test_bcl_loss_average_and_scores_on_a_toy_history():
    from mmlt.models.selfsup import memorization_scores, update_loss_average
    loss_ma, seen = torch.zeros(4), torch.zeros(4, dtype=torch.bool)
    history = [([0, 1, 2], [4.0, 2.0, 1.0]), ([0, 1, 2], [2.0, 2.0, 3.0]),
               ([0, 2], [0.0, 1.0])]
    for idx, losses in history:
        update_loss_average(
            loss_ma,
            seen,
            torch.tensor(idx),
            torch.tensor(losses),
            momentum=0.5)
    # image 0: 4 -> 3 -> 1.5; image 1: 2 -> 2; image 2: 1 -> 2 -> 1.5
    assert loss_ma.tolist() == [1.5, 2.0, 1.5, 0.0]
    assert seen.tolist() == [True, True, True, False]
    # mean 5/3; deviations -1/6, +1/3, -1/6; max 1/3
    expected = [0.25, 1.0, 0.25, 0.0]
    assert torch.allclose(
        memorization_scores(loss_ma, seen), torch.tensor(expected))


def test_memorization_augment_strength_follows_the_score():
    from mmlt.datasets import MemorizationAugment
    augment = MemorizationAugment(
        [dict(type='Rotate', magnitude_range=(0, 30))])
    image = np.zeros((28, 28), np.uint8)
    image[4:24, 12:16] = 255  # a vertical bar
    augment.set_scores(torch.tensor([0.0, 1.0]))
    untouched = augment(dict(img=image.copy(), sample_idx=0))['img']
    assert np.array_equal(untouched, image)  # M = 0: never applied
    op = augment.transforms[0]
    turned = augment(dict(img=image.copy(), sample_idx=1))['img']
    assert not np.array_equal(turned, image)  # M = 1: always, full angle
    assert op.random_magnitude() == pytest.approx(30.0)


def test_short_bcl_gh_run_scores_every_image(make_cfg):
    from mmlt.datasets import MemorizationAugment
    from mmlt.engine.hooks.memorization_score_hook import find_transforms
    from mmlt.models.selfsup import memorization_scores
    cfg = make_cfg(
        max_epochs=2,
        config=f'{REPO}/configs/ssl/bcl-gh_r8_mnist5k-lt-if100.py')
    runner = Runner.from_cfg(cfg)
    runner.train()
    bcl = runner.model.model
    assert bcl.seen.all() and len(bcl.seen) == 938  # every image, once a epoch
    augments = find_transforms(runner.train_dataloader.dataset.pipeline,
                               MemorizationAugment)
    assert len(augments) == 1  # MultiView's one view pipeline
    # epoch 2 augmented by the scores after epoch 1; they lie in [0, 1]
    scores = augments[0].scores
    assert 0 <= scores.min() and scores.max() <= 1
    # the largest deviation from the mean maps to 0 or to 1
    assert scores.min() == 0 or torch.isclose(scores.max(), torch.tensor(1.))

    def state(epoch):
        return torch.load(
            f'{cfg.work_dir}/epoch_{epoch}.pth',
            weights_only=False)['state_dict']

    assert torch.equal(state(2)['model.loss_ma'], bcl.loss_ma)
    after_1 = state(1)
    assert torch.allclose(
        scores,
        memorization_scores(after_1['model.loss_ma'], after_1['model.seen']))
    assert 'train/loss_gh' in runner.message_hub.log_scalars


@pytest.mark.parametrize('wrapper',
                         ['BoostedContrastiveLearning', 'ReweightedSAM'])
def test_per_sample_wrappers_name_a_head_without_a_loss(wrapper):
    from mmengine.config import Config
    from mmpretrain.registry import MODELS
    model = Config.fromfile(
        f'{REPO}/configs/ssl/simclr_r8_mnist5k-lt-if100.py').model
    del model.head['loss']
    with pytest.raises(ValueError, match=f'{wrapper}: .*no `loss` key'):
        MODELS.build(dict(type=wrapper, model=model))
