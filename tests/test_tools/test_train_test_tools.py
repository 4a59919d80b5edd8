import json
import os
import os.path as osp
import subprocess
import sys

from conftest import BASELINE, REPO

SHORT = ['--cfg-options', 'train_cfg.max_epochs=1', 'train_cfg.val_interval=1']


def _run(cmd, **env):
    env = dict(os.environ, PYTHON=sys.executable, **env)
    proc = subprocess.run(
        cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def test_dist_train_two_cpu_processes_then_test(tmp_path):
    work = str(tmp_path / 'dist')
    log = _run(
        ['bash', 'tools/dist_train.sh', BASELINE, '2', '--work-dir', work] +
        SHORT)
    # 938 images, 64 per rank and batch: each rank runs 8 of 15 iterations
    assert 'Epoch(train) [1][8/8]' in log
    assert 'lt/balanced_acc' in log
    ckpt = osp.join(work, 'epoch_1.pth')
    assert osp.isfile(ckpt)

    per_class = str(tmp_path / 'per_class.json')
    log = _run([
        sys.executable, 'tools/test.py', BASELINE, ckpt, '--work-dir',
        str(tmp_path / 'test'), '--per-class-json', per_class
    ])
    assert 'class counts from the checkpoint' in log
    rows = json.load(open(per_class))
    assert [r['train_count'] for r in rows][:3] == [380, 227, 136]


def test_train_cli_resume_past_a_truncated_checkpoint(tmp_path):
    work = str(tmp_path / 'single')
    _run([
        sys.executable, 'tools/train.py', BASELINE, '--work-dir', work,
        '--cfg-options', 'train_cfg.max_epochs=2', 'train_cfg.val_interval=2'
    ])
    assert not [f for f in os.listdir(work) if f.endswith('.tmp')]
    latest = osp.join(work, 'epoch_2.pth')
    with open(latest, 'r+b') as f:  # a kill left the latest one truncated
        f.truncate(osp.getsize(latest) // 2)
    log = _run([
        sys.executable, 'tools/train.py', BASELINE, '--work-dir', work,
        '--resume', '--cfg-options', 'train_cfg.max_epochs=3'
    ])
    assert 'epoch_2.pth is not a complete checkpoint' in log
    assert 'resumed epoch: 1' in log and 'Epoch(train) [3][15/15]' in log


def test_dist_train_error_reported_once_cause_last(tmp_path):
    proc = subprocess.run([
        'bash', 'tools/dist_train.sh', BASELINE, '2', '--work-dir',
        str(tmp_path / 'bad'), '--cfg-options',
        'train_dataloader.dataset.split=bogus'
    ],
                          cwd=REPO,
                          env=dict(os.environ, PYTHON=sys.executable),
                          capture_output=True,
                          text=True,
                          timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    # rank 1: one line; rank 0: its traceback; torchrun's summary last
    assert log.count('[rank 1] ValueError') == 1
    assert "[rank0]: ValueError" in log
    last = [line for line in log.splitlines()
            if line.strip().strip('=')][-1]  # the summary's rule is '==='
    assert 'ValueError' in last and 'split' in last, last


def test_dist_train_semi_supervised_with_darp(tmp_path):
    # two ranks draw their shards of both streams; DARP refines from
    # iteration 2 on every rank's gathered predictions
    config = 'configs/semi/darp-fixmatch_r8_mnist5k-lt-if100-semi.py'
    work = str(tmp_path / 'semi')
    log = _run([
        'bash', 'tools/dist_train.sh', config, '2', '--work-dir', work,
        '--cfg-options', 'train_cfg.max_epochs=1', 'train_cfg.val_interval=1',
        'model.start_iter=2', 'model.interval=3',
        'default_hooks.logger.interval=4'
    ])
    # 960 labeled samples, 64 per rank and batch: 8 of 15 iterations each
    assert 'Epoch(train) [1][8/8]' in log and 'mask_rate' in log
    assert 'lt/balanced_acc' in log
    import torch
    state = torch.load(
        osp.join(work, 'epoch_1.pth'), map_location='cpu',
        weights_only=False)['state_dict']
    # every unlabeled image seen by either rank has a row
    assert (state['refined'].sum(1) > 0).sum() > 0
    assert state['unlabeled_probs'].shape[1] == 10


def test_dist_train_self_supervised_probes(tmp_path):
    # SDCLR + GH on two ranks; the probes gather every rank's features
    config = 'configs/ssl/sdclr-gh_r8_mnist5k-lt-if100.py'
    log = _run([
        'bash', 'tools/dist_train.sh', config, '2', '--work-dir',
        str(tmp_path / 'ssl')
    ] + SHORT + ['default_hooks.logger.interval=4'])
    assert 'Epoch(train) [1][8/8]' in log and 'loss_gh' in log
    assert 'knn/lt/balanced_acc' in log and 'linear/lt/few' in log


def test_dist_train_rcal(tmp_path):
    # RCAL's calibration on two ranks: every rank's features gathered, the
    # same sampled set on both (from a random encoder: the mechanics)
    work = str(tmp_path / 'rcal')
    config = 'configs/noisy_label/rcal_r8_mnist5k-lt-if100-sym0.4.py'
    log = _run(
        ['bash', 'tools/dist_train.sh', config, '2', '--work-dir', work] +
        SHORT + ['load_from=None', 'default_hooks.logger.interval=4'])
    assert 'LOF removed' in log and 'of 938 images' in log
    assert 'Epoch(train) [1][8/8]' in log and 'loss_sampled' in log
    with open(osp.join(work, 'rcal_calibration.json')) as f:
        assert sum(json.load(f)['observed']) == 938


def test_dist_train_rwsam(tmp_path):
    # rwSAM's two-pass step through its DDP wrapper on two ranks
    config = 'configs/ssl/simclr-rwsam_r8_mnist5k-lt-if100.py'
    log = _run([
        'bash', 'tools/dist_train.sh', config, '2', '--work-dir',
        str(tmp_path / 'rwsam')
    ] + SHORT + ['default_hooks.logger.interval=4'])
    assert "type='SAMDistributedDataParallel'" in log  # the config's wrapper
    assert 'Epoch(train) [1][8/8]' in log and 'knn/lt/balanced_acc' in log


def test_dist_train_bcl(tmp_path):
    # BCL on two ranks: every rank's losses gathered into the same rows
    work = str(tmp_path / 'bcl')
    config = 'configs/ssl/bcl_r8_mnist5k-lt-if100.py'
    log = _run(
        ['bash', 'tools/dist_train.sh', config, '2', '--work-dir', work] +
        SHORT + ['default_hooks.logger.interval=4'])
    assert 'Epoch(train) [1][8/8]' in log and 'knn/lt/balanced_acc' in log
    import torch
    state = torch.load(
        osp.join(work, 'epoch_1.pth'), map_location='cpu',
        weights_only=False)['state_dict']
    assert state['seen'].all() and len(state['seen']) == 938
