"""A run killed with SIGKILL at an iteration and resumed with ``--resume``
ends with exactly the weights of the uninterrupted run (CPU,
``randomness.deterministic=True``): weight balancing killed in its second
stage (frozen features, class weights, MaxNorm radius: the classifier
stage cRT and LWS share), FACoG killed in phase 2, BS + CMO killed in the
middle of an epoch with CutMix on (the plain recipe's case, plus a sampler
and a mixing stream), AFR killed in its fine-tuning after a
rebuild, PRODEN + RECORDS killed while it disambiguates (confidences,
mean feature), FixMatch + DARP killed between refinements (both data
streams, the refined table), RCAL (its sampled features, frozen
reference and mixup stream; no second calibration), BCL (loss averages,
memorization scores in the augmentation) and rwSAM (two passes a
step)."""
import os
import os.path as osp
import re
import signal
import subprocess
import sys

import pytest
import torch
from conftest import REPO

TESTS = osp.dirname(osp.dirname(osp.abspath(__file__)))
COMMON = [
    'randomness.deterministic=True', 'train_cfg.val_interval=10',
    'default_hooks.logger.interval=5',
    'default_hooks.checkpoint.max_keep_ckpts=10'
]
AFR_STAGES = [  # CMO in epoch 1 (warm-up only), AFR rounds from epoch 2
    'train_cfg.stages.afr=1', 'custom_hooks.CMOHook.begin=-1',
    'custom_hooks.CMOHook.end=2', 'custom_hooks.AFRHook.lam=0.95',
    'custom_hooks.AFRHook.interval=2', 'param_scheduler.0.end=1',
    'param_scheduler.1.begin=1', 'param_scheduler.2.periods=[2]'
]
# name: (config, options, epochs, killed in epoch (0-based), at iteration)
RECIPES = {
    'wb_stage2': ('configs/weight_balancing/wb_r8_mnist5k-lt-if100.py',
                  ['train_cfg.stages.classifier=1'], 3, 2, 7),
    'facog_phase2': ('configs/facog/facog_r8_mnist5k-lt-if100.py',
                     ['train_cfg.stages.phase2=1'], 3, 2, 4),
    'cmo_cutmix_on':
    ('configs/cmo/bs_cmo_r8_mnist5k-lt-if100.py',
     ['custom_hooks.CMOHook.begin=-1',
      'custom_hooks.CMOHook.end=10'], 3, 1, 9),
    'afr_finetune':
    ('configs/afr/afr_bs-cmo_r8_mnist5k-lt-if100.py', AFR_STAGES, 3, 2, 6),
    # partial labels: the confidences of epoch 1 and RECORDS' mean feature
    'records_confidences':
    ('configs/partial_label/proden-records_r8_mnist5k-lt-if100-q0.3.py', [], 3,
     2, 7),
    # semi-supervised: two data streams and DARP's refined table (15
    # iterations an epoch: killed after the refinement at iteration 20,
    # resumed from epoch 1's checkpoint, which holds the table of 10)
    'darp_fixmatch': ('configs/semi/darp-fixmatch_r8_mnist5k-lt-if100-semi.py',
                      ['model.start_iter=5', 'model.interval=5'], 2, 1, 7),
    # noisy labels: RCAL's sampled features and frozen reference (from a
    # random encoder here: the state, not the pre-training, is tested)
    'rcal': ('configs/noisy_label/rcal_r8_mnist5k-lt-if100-sym0.4.py',
             ['load_from=None'], 3, 2, 7),
    # self-supervised: BCL's loss averages and the scores they give the
    # augmentation; rwSAM's two-pass step
    'bcl': ('configs/ssl/bcl_r8_mnist5k-lt-if100.py', [], 3, 2, 7),
    'rwsam': ('configs/ssl/simclr-rwsam_r8_mnist5k-lt-if100.py', [], 2, 1, 7),
}


def _train(config, work, options, extra=()):
    """Start tools/train.py; every run of a comparison has the same
    environment (one thread each, so that two can share the 2 cores)."""
    env = dict(
        os.environ,
        OMP_NUM_THREADS='1',
        PYTHONPATH=os.pathsep.join([TESTS, REPO]))
    cmd = [
        sys.executable, 'tools/train.py', config, '--work-dir', work, *extra,
        '--cfg-options', *COMMON, *options
    ]
    return subprocess.Popen(
        cmd,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True)


def _finish(proc, expect=0):
    log = proc.communicate(timeout=600)[0]
    assert proc.returncode == expect, log[-4000:]
    return log


@pytest.mark.parametrize('name', list(RECIPES))
def test_sigkill_then_resume_is_bit_exact(tmp_path, name):
    config, options, epochs, kill_epoch, kill_iter = RECIPES[name]
    options = [f'train_cfg.max_epochs={epochs}'] + options
    full, killed = str(tmp_path / 'full'), str(tmp_path / 'killed')
    # the killed run: the same config plus a hook that SIGKILLs it
    kill_config = str(tmp_path / 'killed.py')
    with open(kill_config, 'w') as f:
        f.write(f"_base_ = ['{osp.join(REPO, config)}']\n"
                "custom_imports = dict(imports=['mmlt', 'sigkill_hook'])\n"
                "default_hooks = dict(sigkill=dict(type='SigkillHook', "
                f"epoch={kill_epoch}, iter={kill_iter}))\n")
    runs = [
        _train(config, full, options),
        _train(kill_config, killed, options)
    ]
    full_log = _finish(runs[0])
    _finish(runs[1], expect=-signal.SIGKILL)
    assert not osp.exists(osp.join(killed, f'epoch_{kill_epoch + 1}.pth'))
    log = _finish(_train(config, killed, options, extra=['--resume']))
    assert f'resumed epoch: {kill_epoch}' in log.lower(), log[-3000:]
    if name == 'facog_phase2':  # the dictionary rebuilt as it was
        checksum = re.compile(r'dictionary of .* checksum ([0-9a-f]{16})')
        assert checksum.findall(log) == checksum.findall(full_log)
        assert 'differs' not in log

    def weights(work):
        return torch.load(
            osp.join(work, f'epoch_{epochs}.pth'),
            map_location='cpu',
            weights_only=False)['state_dict']

    expected, resumed = weights(full), weights(killed)
    assert expected.keys() == resumed.keys()
    diff = max((expected[k].double() - resumed[k].double()).abs().max().item()
               for k in expected if expected[k].numel())
    assert diff == 0, f'max abs weight difference {diff}'
