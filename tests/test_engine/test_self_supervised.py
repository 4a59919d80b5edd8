"""Self-supervised long-tailed learning: the probes and the temperature
schedule, and a short SimCLR run through them."""
import math

import pytest
import torch
from conftest import REPO
from mmengine.runner import Runner

from mmlt.engine.hooks import TemperatureScheduleHook
from mmlt.engine.runners import knn_scores, linear_probe


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
