"""StageTrainLoop: stage spans, stage-relative schedulers, the dataloader
switch and its re-timing of iteration-based schedulers."""
import copy
import math

import pytest
import torch
from mmengine.hooks import Hook
from mmengine.registry import HOOKS
from mmengine.testing import RunnerTestCase

import mmlt  # noqa: F401  (registers StageTrainLoop)
from mmlt.engine.runners import StageTrainLoop
from mmlt.engine.runners.stage_loop import EPOCH_LENGTH_KEY


class _SwitchHook(Hook):
    """Trains on a loader of batch 2 (6 iterations, not 4) from the first
    epoch of stage ``b``; records every epoch's stage and length."""

    def __init__(self):
        self.seen = []

    def before_train_epoch(self, runner):
        loop = runner.train_loop
        if loop.reached('b') and len(loop.dataloader) == 4:
            loop.switch_dataloader(
                dict(copy.deepcopy(runner.cfg.train_dataloader), batch_size=2))
        self.seen.append((loop.stage, len(loop.dataloader)))


class TestStageTrainLoop(RunnerTestCase):

    def setUp(self):
        super().setUp()
        HOOKS.register_module(module=_SwitchHook)
        cfg = self.epoch_based_cfg
        cfg.train_cfg = dict(
            type='mmpretrain.StageTrainLoop',
            max_epochs=4,
            val_interval=10,
            stages=dict(a=0, b=2))
        # counted in iterations: 4 a epoch, 6 after the switch
        cfg.param_scheduler = [
            dict(
                type='CosineAnnealingLR',
                by_epoch=True,
                eta_min=0.0,
                convert_to_iter_based=True,
                stage='b')
        ]
        cfg.custom_hooks = [dict(type='_SwitchHook')]
        cfg.default_hooks = dict(
            checkpoint=dict(type='CheckpointHook', interval=1))

    def tearDown(self):
        HOOKS.module_dict.pop('_SwitchHook', None)
        super().tearDown()

    def test_spans_and_stage_relative_schedulers(self):
        runner = self.build_runner(self.epoch_based_cfg)
        loop = runner.train_loop
        assert loop.stages == [('a', 0), ('b', 2)]
        assert loop.span('a') == (0, 2) and loop.span('b') == (2, 4)
        assert runner.param_schedulers[0]['begin'] == 2
        assert runner.param_schedulers[0]['end'] == 4
        assert 'stage' not in runner.param_schedulers[0]
        with pytest.raises(KeyError, match=r"No stage 'c' .*\(a, b\)"):
            loop.span('c')

    def test_a_stage_that_never_runs_drops_its_schedulers(self):
        cfg = self.epoch_based_cfg
        cfg.train_cfg.stages = dict(a=0, b=0)  # b alone, e.g. load_from
        cfg.param_scheduler.append(
            dict(type='LinearLR', by_epoch=True, stage='a'))
        runner = self.build_runner(cfg)
        assert runner.train_loop.span('a') == (0, 0)
        assert [s['type']
                for s in runner.param_schedulers] == ['CosineAnnealingLR']
        assert runner.train_loop.stage == 'b'

    def test_bad_stages(self):
        with pytest.raises(ValueError, match='one stage must begin at epoch'):
            StageTrainLoop.check_stages(dict(a=1))
        with pytest.raises(ValueError, match=r'stages.b must be an epoch'):
            StageTrainLoop.check_stages(dict(a=0, b=-1))

    def test_schedulers_are_cut_to_their_stage(self):
        cfg = self.epoch_based_cfg
        cfg.param_scheduler.append(  # stage a is 2 epochs long
            dict(type='LinearLR', by_epoch=True, end=3, stage='a'))
        runner = self.build_runner(cfg)
        runner.train_loop  # built: it resolves the schedulers
        assert runner.param_schedulers[1]['end'] == 2
        # the last stage's may outlast max_epochs (a run extended later)
        cfg.param_scheduler[1]['stage'] = 'b'
        runner = self.build_runner(cfg)
        runner.train_loop  # built: it resolves the schedulers
        assert runner.param_schedulers[1]['end'] == 2 + 3

    # replayed schedulers step before the optimizer they were rebuilt on
    @pytest.mark.filterwarnings("ignore:Detected call of")
    def test_switch_retimes_schedulers_and_resumes(self):
        runner = self.build_runner(self.epoch_based_cfg)
        runner.train()
        hook = next(h for h in runner.hooks if isinstance(h, _SwitchHook))
        assert hook.seen == [('a', 4), ('a', 4), ('b', 6), ('b', 6)]
        assert runner.iter == 2 * 4 + 2 * 6 == runner.train_loop.max_iters
        # rebuilt for 6 iterations an epoch and replayed over the 2 epochs
        # before the switch: it counts epochs 2-3 in iterations of 6
        scheduler = runner.param_schedulers[0]
        assert (scheduler.begin, scheduler.end) == (2 * 6, 4 * 6)
        assert runner.message_hub.get_info(EPOCH_LENGTH_KEY) == 6
        # the lr after the last of the cosine's 12 iterations
        final_lr = runner.optim_wrapper.optimizer.param_groups[0]['lr']
        assert final_lr == pytest.approx(0.05 *
                                         (1 + math.cos(math.pi * 11 / 12)))

        # resumed inside stage b: the saved length, no second re-timing
        cfg = copy.deepcopy(self.epoch_based_cfg)
        cfg.resume = True
        cfg.load_from = f'{self.temp_dir.name}/epoch_3.pth'
        resumed = self.build_runner(cfg)
        resumed.train()
        scheduler = resumed.param_schedulers[0]
        assert (scheduler.begin, scheduler.end) == (2 * 6, 4 * 6)
        assert resumed.iter == runner.iter
        lr = resumed.optim_wrapper.optimizer.param_groups[0]['lr']
        assert lr == final_lr
        # after the first epoch of stage b: half-way, 6 of 12 iterations
        # (timed for 4 an epoch it would be 6 of 8)
        ckpt = torch.load(cfg.load_from, weights_only=False)
        lr3 = ckpt['optimizer']['param_groups'][0]['lr']
        assert lr3 == pytest.approx(0.05 * (1 + math.cos(math.pi * 6 / 12)))
