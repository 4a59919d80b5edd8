"""CMO and AFR end to end: one command, CutMix window, rebuilds, learning
rate over changing epoch lengths, resume inside a round, 2 CPU processes;
the CMO checkpoint converter."""
import glob
import json
import math
import os.path as osp
import re
import shutil
import subprocess
import sys

import pytest
import torch
import torchvision
from conftest import REPO
from mmengine.config import Config
from mmpretrain.registry import MODELS
from test_train_test_tools import _run

sys.path.insert(0, osp.join(REPO, 'tools', 'model_converters'))
from cmo_to_mmlt import convert  # noqa: E402

AFR = 'configs/afr/afr_bs-cmo_r8_mnist5k-lt-if100.py'
# CMO in epochs 1-2 (CutMix on), AFR from epoch 3, a rebuild every 2
# epochs, the stage-2 cosine restart over epochs 3-5; threshold 0.95, so
# that a 2-epoch model has a minority to attack toward
OPTS = [
    'train_cfg.stages.afr=2', 'custom_hooks.CMOHook.begin=-1',
    'custom_hooks.CMOHook.end=2', 'custom_hooks.AFRHook.lam=0.95',
    'custom_hooks.AFRHook.interval=2', 'param_scheduler.0.end=1',
    'param_scheduler.1.begin=1', 'param_scheduler.2.end=3',
    'param_scheduler.2.periods=[3]', 'default_hooks.logger.interval=1',
    'train_cfg.val_interval=10', 'default_hooks.checkpoint.max_keep_ckpts=5'
]
ROUND = re.compile(r'round (\d) \(epoch (\d)\).*?(\d+) perturbed.*?= '
                   r'(\d+);.*?checksum ([0-9a-f]{16}) on (\d) ranks')


def _lrs(work):
    """(epoch, iter in epoch, lr) of every logged training iteration."""
    rows = []
    for path in sorted(
            glob.glob(osp.join(work, '*', 'vis_data', 'scalars.json'))):
        for line in open(path):
            row = json.loads(line)
            if 'lr' in row and 'epoch' in row:
                rows.append((row['epoch'], row['iter'], row['lr']))
    return rows


def _check_stage2_lr(work, lengths):
    """lr = 0.01 (1 + cos(pi t / 3)) / 2 at t = epochs into stage 2, each
    epoch counted in its own iterations."""
    first_iter = {}
    checked = 0
    for epoch, it, lr in _lrs(work):
        first_iter.setdefault(epoch, it)
        if epoch < 3:
            continue
        step = it - first_iter[epoch]
        t = epoch - 3 + step / lengths[epoch]
        assert lr == pytest.approx(
            0.005 * (1 + math.cos(math.pi * t / 3)), rel=1e-6,
            abs=1e-9), (epoch, it)
        checked += 1
    return checked


def test_afr_one_command_rebuild_lr_and_resume(tmp_path):
    work = str(tmp_path / 'run')
    log = _run([
        sys.executable, 'tools/train.py', AFR, '--work-dir', work,
        '--cfg-options', 'train_cfg.max_epochs=3'
    ] + OPTS)
    assert 'minority CutMix on from epoch 1' in log
    assert 'minority CutMix off from epoch 3' in log
    assert 'fine-tuning loss CrossEntropyLoss from epoch 3' in log
    ((round_, epoch, perturbed, size0, sum0, ranks), ) = ROUND.findall(log)
    assert int(perturbed) > 0
    assert (round_, epoch, ranks) == ('0', '3', '1')
    assert re.search(r'round 0 \(epoch 3\) rebuilt in [\d.]+ s:', log)
    ckpt = osp.join(work, 'epoch_3.pth')
    info = torch.load(
        ckpt, map_location='cpu',
        weights_only=False)['message_hub']['runtime_info']
    assert info['afr_round'] == 0 and info['afr_checksum'].startswith(sum0)
    assert info['train_stage'] == 'afr'
    # 938 digits: 15 iterations of 64; the balanced set has more
    lengths = {3: -(-int(size0) // 64), 4: -(-int(size0) // 64)}
    assert lengths[3] > 15

    # resume inside round 0: the set is read back from disk, then round 1
    log = _run([
        sys.executable, 'tools/train.py', AFR, '--work-dir', work, '--resume',
        '--cfg-options', 'train_cfg.max_epochs=5'
    ] + OPTS)
    assert f'round 0 restored from {osp.join(work, "afr", "round_0")} ' \
        f'(checksum {sum0})' in log
    ((round_, epoch, _, size1, _, _), ) = ROUND.findall(log)
    assert (round_, epoch) == ('1', '5')
    lengths[5] = -(-int(size1) // 64)
    for epoch in (4, 5):
        assert re.search(
            rf'Epoch\(train\) \[{epoch}\]\[{lengths[epoch]}/'
            rf'{lengths[epoch]}\]', log)
    # the restarted cosine follows its epoch-based course across rounds of
    # different lengths, and across the resume
    assert _check_stage2_lr(work, lengths) == sum(lengths.values())

    # a resume whose round is gone stops and names the missing file
    shutil.rmtree(osp.join(work, 'afr', 'round_0'))
    proc = subprocess.run(
        [
            sys.executable, 'tools/train.py', AFR, '--work-dir', work,
            '--resume', ckpt, '--cfg-options', 'train_cfg.max_epochs=5'
        ] + OPTS,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600)
    assert proc.returncode != 0
    assert 'round_0/manifest.npz' in proc.stderr and 'missing' in \
        proc.stderr


def test_afr_two_cpu_processes_same_rebuilt_set(tmp_path):
    work = str(tmp_path / 'dist')
    # with a persistent loader worker per rank: the CMO loader's workers
    # are shut down at the swap, the round's memory map opens in the worker
    log = _run([
        'bash', 'tools/dist_train.sh', AFR, '2', '--work-dir', work,
        '--cfg-options', 'train_cfg.max_epochs=3',
        'train_dataloader.num_workers=1',
        'train_dataloader.persistent_workers=True'
    ] + OPTS)
    # the rebuild and the loss switch at epoch 3 run under DDP as they are
    # (no parameter stops training; PGD runs the unwrapped model)
    assert 'fine-tuning loss CrossEntropyLoss from epoch 3' in log
    # the hook compares the ranks' checksums of the set they read
    ((round_, _, perturbed, size, _, ranks), ) = ROUND.findall(log)
    assert (round_, ranks) == ('0', '2') and int(perturbed) > 1
    per_rank = -(-int(size) // 2)
    assert re.search(rf'Epoch\(train\) \[3\]\[{-(-per_rank // 64)}/', log)


def _mmpretrain_model(config, num_classes, **head):
    cfg = Config.fromfile(config).model
    cfg.head.update(num_classes=num_classes, **head)
    model = MODELS.build(cfg)
    model.eval()
    return model


def test_cmo_converter_imagenet_resnet50():
    # CMO's ImageNet-LT / iNaturalist model: torchvision's ResNet-50 under
    # DataParallel
    torchvision_model = torchvision.models.resnet50(num_classes=10).eval()
    state = {
        'module.' + k: v
        for k, v in torchvision_model.state_dict().items()
    }
    model = _mmpretrain_model('configs/_base_/models/resnet50_imagenet_lt.py',
                              10)
    missing = model.load_state_dict(convert(state), strict=True)
    assert not missing.missing_keys and not missing.unexpected_keys
    x = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        assert torch.allclose(
            model(x, mode='tensor'), torchvision_model(x), atol=1e-5)


def test_cmo_converter_cifar_resnet32_normed_linear(tmp_path):
    # CMO's CIFAR model: the LDAM-DRW ResNet-32 (layer1-3, NormedLinear
    # weight stored (in, out)), written back in that layout from ours
    model = _mmpretrain_model(
        'configs/ldam_drw/ldam-drw_r32_cifar100-lt-'
        'if100.py', 100)
    # the converted checkpoint has weights only; the class counts of mmlt's
    # heads and losses come from the training set (ClassCountsHook)
    ours = {
        k: v
        for k, v in model.state_dict().items()
        if not k.endswith('class_counts')
    }
    cmo = {}
    for key, value in ours.items():
        key = re.sub(r'^backbone\.layers\.(\d)\.',
                     lambda m: f'layer{int(m.group(1)) + 1}.', key)
        key = key.replace('backbone.', '').replace('head.fc.', 'linear.')
        cmo['module.' + key] = value.t() if key == 'linear.weight' else value
    path = str(tmp_path / 'ckpt.best.pth.tar')
    torch.save(
        dict(epoch=200, state_dict=cmo, best_acc1=torch.tensor(40.)), path)
    out = str(tmp_path / 'converted.pth')
    _run([
        sys.executable, 'tools/model_converters/cmo_to_mmlt.py', path, out,
        '--loss', 'LDAM'
    ])
    converted = torch.load(out, map_location='cpu')  # weights-only safe
    assert converted['meta']['cmo_epoch'] == 200
    assert converted['state_dict'].keys() == ours.keys()
    assert all(torch.equal(converted['state_dict'][k], ours[k]) for k in ours)
