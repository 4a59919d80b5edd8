"""Every shipped config parses, is seeded, has mmlt's default hooks, runs
in stages that its hooks name, and builds its model."""
import glob
import os.path as osp

import pytest
from conftest import REPO
from mmengine.config import Config
from mmpretrain.registry import MODELS

from mmlt.engine.runners import StageTrainLoop

SELF_SUPERVISED = ('SimCLR', 'GeometricHarmonization', 'ReweightedSAM',
                   'BoostedContrastiveLearning')
CONFIGS = sorted(
    p for p in glob.glob(
        osp.join(REPO, 'configs', '**', '*.py'), recursive=True)
    if '_base_' not in p and 'benchmark' not in p)


@pytest.mark.parametrize(
    'path', CONFIGS, ids=[osp.relpath(p, REPO) for p in CONFIGS])
def test_config_builds_model(path):
    cfg = Config.fromfile(path)
    assert 'mmlt' in cfg.custom_imports['imports']
    # class counts come from one default hook, never restated
    assert cfg.default_hooks.class_counts.type == 'ClassCountsHook'
    assert not any(h['type'] == 'ClassCountsHook'
                   for h in cfg.get('custom_hooks', []))
    assert isinstance(cfg.randomness.seed, int)  # reproducible, resumable
    assert {'epoch_seed', 'strict_load'} <= set(cfg.default_hooks)
    assert cfg.train_cfg.type == 'StageTrainLoop'
    stages = dict(
        StageTrainLoop.check_stages(
            cfg.train_cfg.get('stages') or dict(train=0)))
    defaults = dict(FACoGHook='phase2', AFRHook='afr')
    for hook in cfg.get('custom_hooks', []):
        stage = hook.get('stage', defaults.get(hook['type']))
        assert stage is None or stage in stages, (hook['type'], stage)
    assert cfg.default_hooks.checkpoint.backend_args == dict(
        backend='mmlt_atomic_local')
    if cfg.model.type in SELF_SUPERVISED:  # trained without labels, probed
        MODELS.build(cfg.model)
        assert cfg.val_cfg.type == 'FeatureProbeLoop'
        return
    # a post-hoc adjuster is tuned in every run wherever the dataset has a
    # validation split (CIFAR-LT has none: the paper's fixed value)
    if cfg.model.get('head', {}).get('posthoc'):
        tuned = any(h['type'] == 'PosthocSearchHook'
                    for h in cfg.get('custom_hooks', []))
        assert tuned == (cfg.get('search_dataloader') is not None)
    model = MODELS.build(cfg.model)
    num_classes = cfg.model.head.num_classes
    assert cfg.data_preprocessor.num_classes == num_classes
    assert model.head.num_classes == num_classes
    loss = model.head.loss_module
    assert getattr(loss, 'num_classes', num_classes) == num_classes


def _bases(path):
    """Every file ``path`` inherits from, recursively."""
    found = []
    for base in Config._get_base_files(path):
        if '::' in base:  # an mmpretrain base
            continue
        base = osp.normpath(osp.join(osp.dirname(path), base))
        found += [base] + _bases(base)
    return found


# the MNIST5k configs of methods (the fast demo config and AFR's
# fine-tuning from a checkpoint are not methods trained from scratch)
MNIST5K = [
    p for p in CONFIGS
    if 'mnist5k' in osp.basename(p) and not p.endswith(('-fast.py',
                                                        '-finetune.py'))
]
# stages that train less than the backbone from scratch, at their paper's
# share of it (cRT / LWS / WB stage 2, FACoG phase 2, AFR fine-tuning)
LATER_STAGES = ('classifier', 'phase2', 'afr')
SCHEDULES = osp.join(REPO, 'configs', '_base_', 'schedules')


@pytest.mark.parametrize(
    'path', MNIST5K, ids=[osp.relpath(p, REPO) for p in MNIST5K])
def test_mnist5k_methods_share_the_converged_budget(path):
    """1,500 iterations of batch 64 for every backbone: 100 epochs of 960
    samples (docs/benchmark/budget.md), from one schedule base (FACoG's
    own optimiser groups and phases: facog_200e.py, on the same length)."""
    cfg = Config.fromfile(path)
    loader = cfg.train_dataloader
    assert loader.batch_size == 64
    assert loader.sampler.num_samples == 960
    schedules = {
        osp.basename(b)
        for b in _bases(path) if b.startswith(SCHEDULES)
    }
    assert 'mnist5k.py' in schedules or schedules == {'facog_200e.py'}
    assert 'mnist5k_fast.py' not in schedules
    stages = StageTrainLoop.check_stages(
        cfg.train_cfg.get('stages') or dict(train=0))
    later = [begin for name, begin in stages if name in LATER_STAGES]
    backbone = min(later + [cfg.train_cfg.max_epochs])
    assert backbone * 960 // 64 == 1500
