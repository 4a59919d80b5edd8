"""Multi-stage recipes under 2-process CPU DDP, across their stage switches,
without ``find_unused_parameters``: the classifier stage re-wraps DDP over
the parameters that still train (``rewrap_ddp``).

FACoG's phase 2 and AFR's rebuild with its loss switch cross their switches
under DDP in tests/test_tools/test_facog_training.py and
test_afr_training.py; DRW runs here inside weight balancing's stage 2.
"""
import os
import os.path as osp
import subprocess
import sys

import torch
from conftest import REPO

LWS = 'configs/decoupling/lws_r8_mnist5k-lt-if100.py'
WB = 'configs/weight_balancing/wb_r8_mnist5k-lt-if100.py'
# one epoch per stage, no validation (the test set is not even built)
SHORT = [
    'val_dataloader=None', 'val_cfg=None', 'val_evaluator=None',
    'default_hooks.checkpoint.max_keep_ckpts=3'
]
# 938 images, 64 per rank and batch: 8 iterations per rank and epoch
EPOCH = 'Epoch(train) [{}][8/8]'


def _dist_train(config, work, *options):
    proc = subprocess.run(
        ['bash', 'tools/dist_train.sh', config, '2', '--work-dir', work] +
        list(options),
        cwd=REPO,
        env=dict(os.environ, PYTHON=sys.executable),
        capture_output=True,
        text=True,
        timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-6000:]
    assert 'Expected to have finished reduction' not in log
    return log


def _state(work, epoch, prefix):
    state = torch.load(
        osp.join(work, f'epoch_{epoch}.pth'),
        map_location='cpu',
        weights_only=False)['state_dict']
    return {k: v for k, v in state.items() if k.startswith(prefix)}


def _same(work, prefix, a=1, b=2):
    s1, s2 = _state(work, a, prefix), _state(work, b, prefix)
    assert s1
    return all(torch.equal(s1[k], s2[k]) for k in s1)


def test_lws_stages_and_resume_under_ddp(tmp_path):
    """LWS freezes its scales before DDP's first step (stage 1) and
    everything but them at the switch; a resume replays the switch."""
    work = str(tmp_path / 'lws')
    log = _dist_train(LWS, work, '--cfg-options', 'train_cfg.max_epochs=2',
                      'train_cfg.stages.classifier=1', *SHORT)
    assert 'DDP rebuilt over the 23 of 24 parameter tensors' in log
    assert 'classifier stage from epoch 2 (switch)' in log
    assert 'DDP rebuilt over the 1 of 24 parameter tensors' in log
    assert EPOCH.format(2) in log
    assert torch.all(_state(work, 1, 'head.scales')['head.scales'] == 1)
    assert _same(work, 'backbone.') and _same(work, 'head.fc.')
    assert not _same(work, 'head.scales')

    log = _dist_train(LWS, work, '--resume', '--cfg-options',
                      'train_cfg.max_epochs=3',
                      'train_cfg.stages.classifier=1', *SHORT)
    assert 'classifier stage from epoch 3 (resumed)' in log
    assert 'DDP rebuilt over the 1 of 24 parameter tensors' in log
    assert EPOCH.format(3) in log
    assert _same(work, 'backbone.', 1, 3) and _same(work, 'head.fc.', 1, 3)
    assert not _same(work, 'head.scales', 2, 3)


def test_weight_balancing_stage2_and_drw_under_ddp(tmp_path):
    """WB stage 2: features frozen, DRW's class weights and MaxNorm on."""
    work = str(tmp_path / 'wb')
    # DRWHook, ClassifierStageHook and MaxNormHook all switch at epoch 1
    log = _dist_train(WB, work, '--cfg-options', 'train_cfg.max_epochs=2',
                      *SHORT, 'train_cfg.stages.classifier=1')
    assert 'DRWHook: class weights on from epoch 2' in log
    assert 'classifier stage from epoch 2 (switch)' in log
    assert 'DDP rebuilt over the 2 of 23 parameter tensors' in log
    assert EPOCH.format(2) in log
    assert _same(work, 'backbone.')
    assert not _same(work, 'head.fc.')
