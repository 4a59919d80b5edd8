"""Every shipped config parses, is seeded, has mmlt's default hooks, runs
in stages that its hooks name, and builds its model."""
import glob
import os.path as osp

import pytest
from conftest import REPO
from mmengine.config import Config
from mmpretrain.registry import MODELS

from mmlt.engine.runners import StageTrainLoop

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
    model = MODELS.build(cfg.model)
    num_classes = cfg.model.head.num_classes
    assert cfg.data_preprocessor.num_classes == num_classes
    assert model.head.num_classes == num_classes
    loss = model.head.loss_module
    assert getattr(loss, 'num_classes', num_classes) == num_classes
