"""FACoG end to end: one command, phase 2 from a phase-1 checkpoint, and a
2-process CPU run (resume inside phase 2: test_bitexact_resume.py)."""
import os.path as osp
import re
import sys

import torch
from test_train_test_tools import _run

FACOG = 'configs/facog/facog_r8_mnist5k-lt-if100.py'
# 2 epochs of phase 1 (the second from epoch 1), then phase 2
OPTS = [
    'train_cfg.stages.phase2=1', 'train_cfg.val_interval=10',
    'default_hooks.checkpoint.max_keep_ckpts=5'
]


def _checksum(log):
    return re.findall(r'checksum ([0-9a-f]{16}), identical on (\d)', log)


def _state(path, prefix):
    state = torch.load(
        path, map_location='cpu', weights_only=False)['state_dict']
    return {k: v for k, v in state.items() if k.startswith(prefix)}


def test_facog_one_command_and_load_from(tmp_path):
    work = str(tmp_path / 'run')
    log = _run([
        sys.executable, 'tools/train.py', FACOG, '--work-dir', work,
        '--cfg-options', 'train_cfg.max_epochs=2'
    ] + OPTS)
    assert 'loss_sc' in log and 'loss_asc' in log and 'loss_d' in log
    assert 'phase 2 from epoch 2' in log
    # phase-2 log lines carry phase-2 losses only
    phase2 = [line for line in log.splitlines() if 'Epoch(train) [2]' in line]
    assert phase2 and all(
        'loss_d' in line and 'loss_sc' not in line and 'loss_ce' not in line
        for line in phase2)
    ((first, ranks), ) = _checksum(log)
    assert ranks == '1'
    ep1, ep2 = (osp.join(work, f'epoch_{i}.pth') for i in (1, 2))
    # phase 2 never touches the backbone; it trains G, D and f_cls
    b1, b2 = _state(ep1, 'backbone.'), _state(ep2, 'backbone.')
    assert all(torch.equal(b1[k], b2[k]) for k in b1)
    for part in ('generator.', 'discriminator.', 'head.'):
        s1, s2 = _state(ep1, part), _state(ep2, part)
        assert any(not torch.equal(s1[k], s2[k]) for k in s1), part
    meta = torch.load(ep2, map_location='cpu', weights_only=False)['meta']
    assert meta['facog_dictionary_checksum'].startswith(first)

    # resume inside phase 2 (the dictionary rebuilt, checked against the
    # checkpoint's): tests/test_engine/test_bitexact_resume.py

    # phase 2 alone from the phase-1 checkpoint
    log = _run([
        sys.executable, 'tools/train.py', FACOG, '--work-dir',
        str(tmp_path / 'ph2'), '--cfg-options', f'load_from={ep1}',
        'train_cfg.max_epochs=1', 'train_cfg.stages.phase2=0'
    ])
    assert 'phase 2 from epoch 1' in log and 'loss_sc' not in log
    assert _checksum(log) == [(first, '1')]


def test_facog_two_cpu_processes_gather_one_dictionary(tmp_path):
    """Each rank extracts half of the 938 images; the gathered dictionary
    holds all of them and the hook checks that the ranks' copies are equal
    (checksums compared across ranks before phase 2 starts)."""
    work = str(tmp_path / 'dist')
    log = _run([
        'bash', 'tools/dist_train.sh', FACOG, '2', '--work-dir', work,
        '--cfg-options', 'train_cfg.max_epochs=2'
    ] + OPTS)
    assert 'feature dictionary of 938 features x 64' in log
    ((checksum, ranks), ) = _checksum(log)
    assert ranks == '2'
    meta = torch.load(
        osp.join(work, 'epoch_2.pth'), map_location='cpu',
        weights_only=False)['meta']
    assert meta['facog_dictionary_checksum'].startswith(checksum)
    # 938 features, 64 per rank and batch: 8 phase-2 iterations per rank
    assert 'Epoch(train) [2][8/8]' in log
    # under DDP too (each part wrapped on its own, the backbone's wrapper
    # never run in phase 2), phase 2 leaves the backbone as it was
    ep1, ep2 = (osp.join(work, f'epoch_{i}.pth') for i in (1, 2))
    b1, b2 = _state(ep1, 'backbone.'), _state(ep2, 'backbone.')
    assert b1 and all(torch.equal(b1[k], b2[k]) for k in b1)
    for part in ('generator.', 'discriminator.', 'head.'):
        s1, s2 = _state(ep1, part), _state(ep2, part)
        assert any(not torch.equal(s1[k], s2[k]) for k in s1), part
