"""AFR: rebuild the training set every few epochs of the fine-tuning."""
import os.path as osp
import time
from typing import List, Optional, Sequence

import numpy as np
from mmengine.dist import barrier, broadcast_object_list, get_dist_info
from mmengine.hooks import Hook
from mmpretrain.registry import DATASETS, HOOKS, MODELS

from mmlt.datasets import unaugmented_train_set_cfg
from mmlt.datasets.afr_dataset import (PERTURBED, AFRDataset,
                                       check_afr_options, create_round,
                                       shared_checksum)
from mmlt.models.afr import AFRRound
from mmlt.utils.features import gather_outputs
from .utils import stage_loop, sync_buffers, unwrap_model

IN_ORDER = dict(type='DefaultSampler', shuffle=False)
SHUFFLED = dict(type='DefaultSampler', shuffle=True)


@HOOKS.register_module()
class AFRHook(Hook):
    """Adversarial feature re-calibration (Zhang et al., VISAPP 2024, Sec. 3).

    Every ``interval`` epochs of the stage ``stage`` (of
    :class:`~mmlt.engine.runners.StageTrainLoop`; at epoch 0 it fine-tunes
    a loaded model), the features of every training image (DDP shards
    gathered) give an :class:`~mmlt.models.afr.AFRRound` plan; rank 0
    writes it to ``work_dir/afr/round_<r>``, every rank perturbs its rows,
    all check they read the same set (SHA-1), and the loop trains on it
    (:class:`~mmlt.datasets.afr_dataset.AFRDataset`). Checkpoints keep the
    round and checksum: a resume reloads the round, or stops if changed.

    Example:
        >>> train_cfg = dict(type='StageTrainLoop', max_epochs=250,
        ...                  stages=dict(cmo=0, afr=200))
        >>> custom_hooks = [dict(type='AFRHook', interval=10, pipeline=[
        ...     dict(type='RandomCrop', crop_size=32, padding=4),
        ...     dict(type='PackInputs')])]

    Args:
        pipeline (list): Fine-tuning transforms, ending with ``PackInputs``.
        stage (str): The fine-tuning stage. Defaults to ``'afr'``.
        interval (int): Epochs between rebuilds. Defaults to 10.
        mix_mode (str): ``'cutmix'`` or ``'mixup'`` of the mixed entries.
        batch_size (int, optional): Attack batch; the training one if None.
        load_pipeline (list, optional): Pipeline of the fixed-size uint8
            images attacked and augmented; the test one if None.
        loss (dict, optional): The head's loss in the stage, e.g. CE (the
            rebuilt set is balanced). None keeps the head's loss.
        **round_cfg: :class:`~mmlt.models.afr.AFRRound`'s options.
    """
    priority = 'ABOVE_NORMAL'  # swap the loader before its epoch is set

    def __init__(self,
                 pipeline: Sequence[dict],
                 stage: str = 'afr',
                 interval: int = 10,
                 mix_mode: str = 'cutmix',
                 batch_size: Optional[int] = None,
                 load_pipeline: Optional[List[dict]] = None,
                 loss: Optional[dict] = None,
                 **round_cfg):
        check_afr_options(pipeline, mix_mode, 'AFRHook')
        if interval < 1:
            raise ValueError(f'AFRHook: interval must be >= 1: {interval}.')
        self.round = AFRRound(**round_cfg)
        self.pipeline, self.stage, self.interval = pipeline, stage, interval
        self.mix_mode, self.batch_size = mix_mode, batch_size
        self.load_pipeline, self.loss = load_pipeline, loss
        self._source = self._loss = self._round = None

    def before_train_epoch(self, runner) -> None:
        offset = runner.epoch - stage_loop(runner, self).begin(self.stage)
        if offset < 0:
            return
        if self._source is None:  # the long-tailed set, load pipeline
            self._source = DATASETS.build(
                unaugmented_train_set_cfg(runner.cfg, self.load_pipeline))
        head = unwrap_model(runner).head
        if self.loss is not None and head.loss_module is not self._loss:
            self._loss = MODELS.build(self.loss).to(head.fc.weight.device)
            head.loss_module = self._loss
            runner.logger.info(f'AFRHook: fine-tuning loss {self.loss["type"]}'
                               f' from epoch {runner.epoch + 1}.')
        round_ = offset // self.interval
        directory = osp.join(runner.work_dir, 'afr', f'round_{round_}')
        if offset % self.interval == 0:
            self._rebuild(runner, round_, directory)
        elif self._round != round_:  # resumed inside the round
            self._install(runner, round_, directory, restore=True)

    def _rebuild(self, runner, round_: int, directory: str) -> None:
        start, model, source = time.time(), unwrap_model(runner), self._source
        sync_buffers(model)
        loader = runner.build_dataloader(
            dict(runner.cfg.test_dataloader, dataset=source, sampler=IN_ORDER))
        feats, logits, labels = gather_outputs(model, loader)
        rank, world_size = get_dist_info()
        num_classes = len(source.metainfo['classes'])
        plan = [None]
        if rank == 0:
            rng = np.random.default_rng([runner.seed, round_])
            plan = [self.round.plan(feats, logits, labels, num_classes, rng)]
            create_round(directory, plan[0]['entries'],
                         len(plan[0]['attacked']), source[0]['inputs'].shape)
        broadcast_object_list(plan, src=0)
        barrier()
        out = np.load(osp.join(directory, PERTURBED), mmap_mode='r+')
        batch_size = self.batch_size or runner.cfg.train_dataloader.batch_size
        rows = np.arange(rank, len(out), world_size)
        self.round.attack(model, source, plan[0], rows, out, batch_size)
        out.flush()
        barrier()
        checksum = self._install(runner, round_, directory)
        runner.logger.info(
            f'AFRHook: round {round_} (epoch {runner.epoch + 1}) rebuilt in '
            f'{time.time() - start:.1f} s: '
            f'{self.round.describe(plan[0], num_classes)}; {directory} '
            f'({out.nbytes / 2**20:.2f} MiB), checksum {checksum[:16]} on '
            f'{world_size} ranks.')

    def _install(self, runner, round_: int, directory: str, restore=False):
        hub = runner.message_hub
        saved = hub.get_info('afr_checksum')
        if not restore or hub.get_info('afr_round') != round_:
            saved = None
        checksum = shared_checksum(directory, saved)
        dataset = AFRDataset(directory, self._source, self.pipeline,
                             len(self._source.metainfo['classes']),
                             self.mix_mode)
        cfg = dict(
            runner.cfg.train_dataloader, dataset=dataset, sampler=SHUFFLED)
        cfg.setdefault('collate_fn', dict(type='default_collate'))
        runner.train_loop.switch_dataloader(cfg)
        self._round = round_
        hub.update_info_dict(dict(afr_round=round_, afr_checksum=checksum))
        if restore:
            runner.logger.info(f'AFRHook: round {round_} restored from '
                               f'{directory} (checksum {checksum[:16]}).')
        return checksum
