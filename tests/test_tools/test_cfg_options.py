"""mmlt.utils.cli: ``--cfg-options`` with custom hooks addressed by type,
and the order in which the tools merge their command line."""
import argparse

import pytest
from mmengine.config import Config

from mmlt.engine.hooks import AFRHook
from mmlt.utils.cli import load_config, merge_cfg_options


def _cfg():
    return Config(
        dict(
            train_cfg=dict(max_epochs=10),
            custom_hooks=[
                dict(type='ClassCountsHook'),
                dict(type='EpochSeedHook'),
                dict(type='AFRHook', lam=0.95, objective='logit'),
                dict(type='EpochSeedHook'),
            ]))


def test_hook_by_type_is_its_index():
    cfg = _cfg()
    merge_cfg_options(cfg, {
        'custom_hooks.AFRHook.lam': 0.6,
        'train_cfg.max_epochs': 3
    })
    assert cfg.custom_hooks[2] == dict(
        type='AFRHook', lam=0.6, objective='logit')
    assert cfg.train_cfg.max_epochs == 3
    # a numeric index works as in mmengine
    merge_cfg_options(cfg, {'custom_hooks.2.objective': 'centroid'})
    assert cfg.custom_hooks[2].objective == 'centroid'
    # so does a whole hook, and a class as a type (pure-Python configs)
    cfg.custom_hooks[2].type = AFRHook
    merge_cfg_options(cfg, {'custom_hooks.AFRHook': dict(lam=0.1)})
    assert cfg.custom_hooks[2].lam == 0.1
    assert [h.type for h in cfg.custom_hooks
            ][:2] == ['ClassCountsHook', 'EpochSeedHook']


def test_none_or_empty_merges_nothing():
    cfg = _cfg()
    merge_cfg_options(cfg, None)
    merge_cfg_options(cfg, {})
    assert cfg.to_dict() == _cfg().to_dict()


@pytest.mark.parametrize('key, found', [
    ('custom_hooks.DRWHook.start_epoch', 'no hook'),
    ('custom_hooks.EpochSeedHook.seed', '2 hooks (indices 1, 3)'),
])
def test_missing_or_ambiguous_type_names_key_and_hooks(key, found):
    cfg = _cfg()
    with pytest.raises(ValueError) as error:
        merge_cfg_options(cfg, {key: 1})
    message = str(error.value)
    assert repr(key) in message and found in message
    assert ('[0: ClassCountsHook, 1: EpochSeedHook, 2: AFRHook, '
            '3: EpochSeedHook]') in message
    assert cfg.to_dict() == _cfg().to_dict()  # nothing merged


def test_config_without_custom_hooks():
    cfg = Config(dict(train_cfg=dict(max_epochs=10)))
    with pytest.raises(ValueError, match=r"no hook of type 'AFRHook'.*\[\]"):
        merge_cfg_options(cfg, {'custom_hooks.AFRHook.lam': 0.6})


def test_load_config_merges_cfg_options_last(tmp_path):
    config = tmp_path / 'afr.py'
    config.write_text("custom_hooks = [dict(type='AFRHook', lam=0.95)]\n")

    def merge_tool_args(cfg, args):
        cfg.custom_hooks[0].lam = args.lam
        cfg.load_from = 'tool.pth'

    args = argparse.Namespace(
        config=str(config),
        launcher='none',
        work_dir=None,
        lam=0.8,
        cfg_options={'custom_hooks.AFRHook.lam': 0.6})
    cfg = load_config(args, merge_tool_args)
    assert cfg.custom_hooks[0].lam == 0.6  # the option overrides the flag
    assert cfg.load_from == 'tool.pth'
    assert cfg.launcher == 'none' and cfg.work_dir == './work_dirs/afr'
