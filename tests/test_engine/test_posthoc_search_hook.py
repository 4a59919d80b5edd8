"""Post-hoc parameters tuned on the validation split: the search, its grids,
PosthocSearchHook in training, in test-only runs and under DDP."""
import json
import math
import os
import os.path as osp
import subprocess
import sys

import numpy as np
import pytest
import torch
from conftest import REPO, tiny_cfg
from mmengine.runner import Runner
from mmpretrain.registry import MODELS

from mmlt.engine.hooks import posthoc_search_hook
from mmlt.utils.posthoc_search import candidate_grid, search_posthoc

LA_POSTHOC = osp.join(REPO, 'configs', 'logit_adjustment',
                      'la-posthoc_r8_mnist5k-lt-if100.py')
COUNTS = [1000, 100, 10, 1]


def _prior_head():
    """A head whose logits are ``feats + log pi``: identity weights, the
    log prior as bias."""
    head = MODELS.build(
        dict(type='LTLinearClsHead', num_classes=4, in_channels=4))
    head.set_class_counts(torch.tensor(COUNTS, dtype=torch.float64))
    with torch.no_grad():
        head.fc.weight.copy_(torch.eye(4))
        head.fc.bias.copy_(head.log_prior)
    return head.eval()


def test_search_finds_the_hand_computed_tau():
    # a sample of class c has features 3 e_c, so with LA at tau its score
    # for class j is 3 [j = c] + (1 - tau) log pi_j: it is right iff
    # 3 > (1 - tau) (log pi_j - log pi_c) for every j, i.e. for every
    # class when 1 - 3 / log(1000) < tau < 1 + 3 / log(1000) (0.566 ..
    # 1.434). At tau = 0 classes 0 and 1 are right (log 10 < 3), 2 and 3
    # are taken by class 0 (log 100, log 1000 > 3): 50% balanced accuracy.
    head = _prior_head()
    labels = np.repeat(np.arange(4), 5)
    feats = 3 * torch.eye(4)[labels]
    adjuster = MODELS.build(dict(type='AdditiveLogitAdjust'))
    result = search_posthoc(head, feats, labels, adjuster)
    curve = dict(result.curve)
    # the identity comes first, then the coarse grid -1 .. 3, then the
    # refinement around the best coarse value
    assert result.curve[0] == (0.0, 50.0)
    assert [v for v, _ in result.curve[1:17]
            ] == [v for v in adjuster.grid if v != 0.0]
    assert curve[0.5] < 100 and curve[0.75] == 100 and curve[1.25] == 100
    assert curve[1.5] < 100
    # ties keep the first: the coarse 0.75; the refinement 0.55 .. 0.95
    # brackets the hand-computed edge 0.566
    assert result.value == 0.75 and result.score == 100
    assert curve[0.55] < 100 and curve[0.6] == 100
    assert result.num_images == 20 and result.metric == 'balanced_acc'
    assert adjuster.tau == 1.0  # the caller's adjuster is not modified


@pytest.mark.parametrize('adjuster,identity', [
    ('AdditiveLogitAdjust', 0.0),
    ('TauNormalize', 0.0),
    ('ThresholdMoving', 0.0),
    ('MultiplicativeLogitAdjust', None),
])
def test_every_grid_contains_the_identity(adjuster, identity):
    adjuster = MODELS.build(dict(type=adjuster))
    head = _prior_head()
    feats = torch.randn(40, 4)
    labels = np.arange(40) % 4
    result = search_posthoc(head, feats, labels, adjuster, refine=False)
    value, score = result.curve[0]
    assert value == type(adjuster).identity == identity
    # the identity is the unadjusted prediction
    raw = search_posthoc(
        head,
        feats,
        labels,
        MODELS.build(dict(type='AdditiveLogitAdjust')),
        grid=[0.0]).curve[0][1]
    assert score == raw
    values = [v for v, _ in result.curve[1:]]
    assert values == [v for v in adjuster.grid if v != identity]
    if type(adjuster).__name__ == 'MultiplicativeLogitAdjust':
        assert min(values) < 0 < max(values)  # both directions


def test_refinement_grid():
    assert candidate_grid([0, 0.5, 1],
                          0.5) == [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]
    assert candidate_grid([0, 1], 0, divisions=2) == [0.5]


@pytest.fixture(scope='module')
def tuned(tmp_path_factory):
    """One epoch of the LA post-hoc config: its hook tunes tau."""
    work = tmp_path_factory.mktemp('la')
    Runner.from_cfg(tiny_cfg(work, config=LA_POSTHOC)).train()
    return work


def test_hook_tunes_on_the_validation_split_after_training(tuned):
    with open(tuned / 'posthoc_search.json') as f:
        choice = json.load(f)
    # the 200-image validation split (20 per class), not the 1,000 test
    # images
    assert choice['num_images'] == 200
    assert choice['type'] == 'AdditiveLogitAdjust' and choice['epoch'] == 0
    assert choice['curve'][0][0] == 0.0 and len(choice['curve']) > 17
    best = max(score for _, score in choice['curve'])
    assert choice['score'] == best
    meta = torch.load(
        tuned / 'epoch_1.pth', map_location='cpu',
        weights_only=False)['meta']['posthoc_search']
    assert meta == choice


def test_test_only_run_reuses_the_checkpoints_choice(tuned, tmp_path,
                                                     monkeypatch):

    def no_search(*args, **kwargs):
        raise AssertionError('searched again')

    monkeypatch.setattr(posthoc_search_hook, 'search_posthoc', no_search)
    with open(tuned / 'posthoc_search.json') as f:
        choice = json.load(f)
    cfg = tiny_cfg(tmp_path, config=LA_POSTHOC)
    cfg.load_from = str(tuned / 'epoch_1.pth')
    cfg.model.head.posthoc.tau = 123.0  # the config's value is not used
    runner = Runner.from_cfg(cfg)
    metrics = runner.test()
    assert runner.model.head.posthoc.tau == choice['value']
    logged = [
        json.loads(line)
        for line in open(next(tuned.glob('*/vis_data/scalars.json')))
    ]
    final = [r for r in logged if 'lt/balanced_acc' in r][-1]
    # the training run's final evaluation used the same value
    assert math.isclose(metrics['lt/balanced_acc'], final['lt/balanced_acc'])


def test_hook_refuses_the_test_set(tmp_path):
    cfg = tiny_cfg(tmp_path, config=LA_POSTHOC)
    cfg.search_dataloader = cfg.test_dataloader
    with pytest.raises(
            ValueError, match='search_dataloader.dataset is the '
            'test set'):
        Runner.from_cfg(cfg).train()


def test_ranks_choose_the_same_value_under_ddp(tuned, tmp_path):
    # a checkpoint without a choice (the CE run's, here: the meta removed)
    # is searched before the test, on both ranks' gathered shards
    ckpt = torch.load(
        tuned / 'epoch_1.pth', map_location='cpu', weights_only=False)
    del ckpt['meta']['posthoc_search']
    torch.save(ckpt, tmp_path / 'plain.pth')
    proc = subprocess.run([
        'bash', 'tools/dist_test.sh', LA_POSTHOC,
        str(tmp_path / 'plain.pth'), '2', '--work-dir',
        str(tmp_path / 'work')
    ],
                          cwd=REPO,
                          env=dict(os.environ, PYTHON=sys.executable),
                          capture_output=True,
                          text=True,
                          timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-6000:]
    assert 'on 200 validation images (balanced_acc, same on 2 rank(s))' in log
    with open(tmp_path / 'work' / 'posthoc_search.json') as f:
        ddp = json.load(f)
    with open(tuned / 'posthoc_search.json') as f:
        single = json.load(f)
    # the same features as one process: the same curve and choice
    assert ddp['value'] == single['value']
    np.testing.assert_allclose([s for _, s in ddp['curve']],
                               [s for _, s in single['curve']])
