"""AFR: rebuild the training set every few epochs of the fine-tuning."""
import copy
import os
import os.path as osp
import time
from typing import List, Optional, Sequence

import numpy as np
import torch
from mmengine.dataset import pseudo_collate
from mmengine.dist import (all_gather_object, barrier, broadcast,
                           broadcast_object_list, get_dist_info)
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import DATASETS, HOOKS, MODELS
from torch.utils.data import DataLoader, Subset

from mmlt.datasets.afr_dataset import (MANIFEST, PERTURBED, AFRDataset,
                                       build_manifest, check_mix_mode,
                                       manifest_summary, rebuilt_checksum)
from mmlt.models.afr import (centroid_score, fit_minority_probe,
                             minority_centroids, minority_split, pgd_toward,
                             probe_score, select_attacked)
from mmlt.utils.cli import unaugmented_train_set_cfg
from mmlt.utils.features import gather_outputs, track

from .utils import unwrap_model

OBJECTIVES = ('probe', 'centroid')
META_KEYS = ('afr_round', 'afr_checksum', 'afr_epoch_length')


def replay_param_schedulers(runner, epoch: int) -> None:
    """Rebuild the config's parameter schedulers for the current training
    dataloader's length and replay them to the start of ``epoch``.

    Schedulers converted from epochs to iterations
    (``convert_to_iter_based``) count iterations of the epoch length they
    were built with; when the training set changes size (an AFR rebuild),
    rebuilding them with the new length and replaying ``epoch`` epochs of it
    puts them where their epoch-based definition says. Parameters the
    schedulers drive are first reset to their ``initial_*`` values.
    Iteration-based schedulers are read as converted from epochs.
    """
    if not runner.cfg.get('param_scheduler'):
        return
    optim_wrappers = runner.optim_wrapper
    wrappers = (optim_wrappers.values() if hasattr(optim_wrappers, 'items')
                else [optim_wrappers])
    for wrapper in wrappers:
        for group in wrapper.optimizer.param_groups:
            for key in [k for k in group if k.startswith('initial_')]:
                group[key[len('initial_'):]] = group[key]
    schedulers = runner.build_param_scheduler(
        copy.deepcopy(runner.cfg.param_scheduler))
    flat = ([s for v in schedulers.values() for s in v]
            if isinstance(schedulers, dict) else schedulers)
    by_iter = [s for s in flat if not s.by_epoch]
    by_epoch = [s for s in flat if s.by_epoch]
    iters_per_epoch = len(runner.train_dataloader) if by_iter else 0
    for _ in range(epoch):
        for _ in range(iters_per_epoch):
            for scheduler in by_iter:
                scheduler.step()
        for scheduler in by_epoch:
            scheduler.step()
    runner.param_schedulers = schedulers


@HOOKS.register_module()
class AFRHook(Hook):
    """Adversarial feature re-calibration (Zhang et al., VISAPP 2024, Sec. 3).

    From epoch ``start_epoch`` on (0-based; 0 fine-tunes a loaded CMO model,
    the CMO length runs both stages from one launch), every ``interval``
    epochs the hook rebuilds the training set with the model as it is:

    1. penultimate features and predictions of every training image (test
       pipeline, DDP shards gathered);
    2. the minority of each class by cosine to the class mean, threshold
       ``lam`` or the class's training accuracy
       (:func:`~mmlt.models.afr.minority_split`);
    3. ``attack_share`` of each class's majority, perturbed by PGD toward
       the class's minority, label kept
       (:func:`~mmlt.models.afr.pgd_toward`): ``objective='probe'``
       maximises a per-class majority/minority logistic probe fitted on
       the frozen embeddings ("fine-tuning PGD on majority vs minority"),
       ``'centroid'`` the cosine to the minority centroid;
    4. the set: originals + perturbed, originals oversampled until every
       class has as many entries, plus ``mix_share`` of the originals mixed
       with it (:func:`~mmlt.datasets.afr_dataset.build_manifest`), read
       through ``pipeline`` (random crop + flip).

    A round lives in ``work_dir/afr/round_<r>`` (manifest and uint8
    perturbed images on disk, memory-mapped by the loader; its size is
    logged). Rank 0 plans, every rank attacks its share and writes its
    rows; all ranks then check they read the same set (SHA-1). The loader
    is rebuilt (old workers released), ``max_iters`` updated and the
    parameter schedulers put back on their epoch-based course for the new
    length (:func:`replay_param_schedulers`). Checkpoints carry the round
    and its checksum: a resumed run reloads the round from disk and stops
    with the path if it is missing or changed.

    Example:
        >>> custom_hooks = [dict(type='AFRHook', start_epoch=200,
        ...     interval=10, pipeline=[
        ...         dict(type='RandomCrop', crop_size=32, padding=4),
        ...         dict(type='RandomFlip', prob=0.5, direction='horizontal'),
        ...         dict(type='PackInputs')])]

    Args:
        start_epoch (int): First epoch of the fine-tuning.
        pipeline (list): Fine-tuning transforms, ending with ``PackInputs``.
        interval (int): Epochs between rebuilds. Defaults to 10.
        lam (float): Default minority threshold. Defaults to 0.8.
        attack_share (float): Share of each class's majority perturbed.
            Defaults to 0.5.
        objective (str): ``'probe'`` or ``'centroid'``.
        steps (int): PGD iterations. Defaults to 3.
        step_size (float): PGD step in pixel units (0-255). Defaults to 1
            (the paper's 1/255).
        eps (float): L-inf radius in pixel units. Defaults to 153 (the
            paper's 0.6; 3 steps of 1 never reach it).
        mix_share (float): Originals mixed into the set, as a share of the
            original set. Defaults to 0.25.
        mix_mode (str): ``'cutmix'`` or ``'mixup'``.
        beta (float): ``lam ~ Beta(beta, beta)`` of the mixing.
        batch_size (int, optional): Attack batch; the training one if None.
        load_pipeline (list, optional): Pipeline giving the fixed-size uint8
            images that are attacked and augmented; the test pipeline if
            None.
        loss (dict, optional): Loss of the fine-tuning, replacing the head's
            from ``start_epoch`` on (also after a resume); e.g.
            cross-entropy, as balanced softmax's prior would be the
            rebuilt set's uniform one. None keeps the head's loss.
    """
    priority = 'ABOVE_NORMAL'  # swap the loader before its epoch is set

    def __init__(self,
                 start_epoch: int,
                 pipeline: Sequence[dict],
                 interval: int = 10,
                 lam: float = 0.8,
                 attack_share: float = 0.5,
                 objective: str = 'probe',
                 steps: int = 3,
                 step_size: float = 1.0,
                 eps: float = 153.0,
                 mix_share: float = 0.25,
                 mix_mode: str = 'cutmix',
                 beta: float = 1.0,
                 batch_size: Optional[int] = None,
                 load_pipeline: Optional[List[dict]] = None,
                 loss: Optional[dict] = None):
        if objective not in OBJECTIVES:
            raise ValueError(f'AFRHook: objective must be one of '
                             f'{OBJECTIVES}, got {objective!r}.')
        check_mix_mode(mix_mode, 'AFRHook')
        if interval < 1:
            raise ValueError(f'AFRHook: interval must be >= 1, got '
                             f'{interval}.')
        last = pipeline[-1] if pipeline else {}
        if not (isinstance(last, dict) and last.get('type') == 'PackInputs'):
            raise ValueError('AFRHook: `pipeline` (the fine-tuning '
                             "transforms) must end with dict(type="
                             f"'PackInputs'), got {pipeline!r}.")
        self.start_epoch = start_epoch
        self.pipeline = pipeline
        self.interval = interval
        self.lam = lam
        self.attack_share = attack_share
        self.objective = objective
        self.pgd = dict(steps=steps, step_size=step_size, eps=eps)
        self.mix_share = mix_share
        self.mix_mode = mix_mode
        self.beta = beta
        self.batch_size = batch_size
        self.load_pipeline = load_pipeline
        self.loss = loss
        self._loss = None
        self._source = None
        self._round = None
        self._checksum = None
        self._epoch_length = None
        self._expected = {}
        self._rebuild_time = None
        self._epoch_start = None

    # ---- runner events -------------------------------------------------
    def before_train(self, runner) -> None:
        if self._epoch_length is None:
            self._epoch_length = len(runner.train_dataloader)

    def before_train_epoch(self, runner) -> None:
        offset = runner.epoch - self.start_epoch
        if offset < 0:
            return
        head = unwrap_model(runner).head
        if self.loss is not None and head.loss_module is not self._loss:
            self._loss = MODELS.build(self.loss).to(
                next(head.parameters()).device)
            head.loss_module = self._loss
            print_log(f'AFRHook: fine-tuning loss {self.loss["type"]} from '
                      f'epoch {runner.epoch + 1}.', logger='current')
        round_ = offset // self.interval
        if offset % self.interval == 0:
            self._rebuild(runner, round_)
        elif self._round != round_:
            self._restore(runner, round_)

    def after_train_epoch(self, runner) -> None:
        if self._rebuild_time is not None:
            epoch_time = time.time() - self._epoch_start
            print_log(
                f'AFRHook: round {self._round} rebuild took '
                f'{self._rebuild_time:.1f} s, '
                f'{self._rebuild_time / epoch_time:.2f} x the epoch after it '
                f'({epoch_time:.1f} s).', logger='current')
            self._rebuild_time = None

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        if self._round is not None:
            checkpoint.setdefault('meta', {}).update(
                afr_round=self._round, afr_checksum=self._checksum,
                afr_epoch_length=self._epoch_length)

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        meta = checkpoint.get('meta', {})
        self._expected = {k: meta[k] for k in META_KEYS if k in meta}
        if 'afr_epoch_length' in meta:
            self._epoch_length = meta['afr_epoch_length']

    # ---- rounds --------------------------------------------------------
    def _directory(self, runner, round_: int) -> str:
        return osp.join(runner.work_dir, 'afr', f'round_{round_}')

    def _source_set(self, runner):
        """The long-tailed training set through the load pipeline."""
        if self._source is None:
            self._source = DATASETS.build(
                unaugmented_train_set_cfg(runner.cfg, self.load_pipeline))
        return self._source

    def _rebuild(self, runner, round_: int) -> None:
        start = time.time()
        model = unwrap_model(runner)
        # every rank works with rank 0's BN statistics (DDP leaves each
        # rank its own running means), the ones checkpoints keep
        for buffer in model.buffers():
            broadcast(buffer, src=0)
        source = self._source_set(runner)
        num_classes = len(source.metainfo['classes'])
        loader = runner.build_dataloader(
            dict(runner.cfg.test_dataloader, dataset=source,
                 sampler=dict(type='DefaultSampler', shuffle=False)))
        feats, logits, labels = gather_outputs(model, loader)
        rank, world_size = get_dist_info()
        directory = self._directory(runner, round_)
        plan = [None]
        if rank == 0:
            plan = [self._plan(feats, logits, labels, num_classes,
                               np.random.default_rng([runner.seed, round_]))]
            os.makedirs(directory, exist_ok=True)
            np.savez(osp.join(directory, MANIFEST), **plan[0]['entries'])
            np.lib.format.open_memmap(
                osp.join(directory, PERTURBED), mode='w+', dtype=np.uint8,
                shape=(len(plan[0]['attacked']), ) +
                tuple(source[0]['inputs'].shape)).flush()
        broadcast_object_list(plan, src=0)
        plan = plan[0]
        barrier()
        self._attack(model, source, plan, directory, rank, world_size,
                     runner.cfg.train_dataloader.batch_size)
        barrier()
        self._install(runner, round_, directory)
        self._rebuild_time = time.time() - start
        self._epoch_start = time.time()
        counts = manifest_summary(plan['entries'], num_classes)
        size = osp.getsize(osp.join(directory, PERTURBED)) / 2**20
        print_log(
            f'AFRHook: round {round_} (epoch {runner.epoch + 1}): minority '
            f'{plan["num_minority"]} of {len(labels)}, {len(plan["attacked"])}'
            f' perturbed ({size:.2f} MiB in {directory}), {counts[0]} '
            f'entries per class x {num_classes} + '
            f'{len(self._dataset) - sum(counts)} mixed = '
            f'{len(self._dataset)}; checksum {self._checksum[:16]}, '
            f'identical on {world_size} rank(s).', logger='current')

    def _plan(self, feats, logits, labels, num_classes: int,
              rng: np.random.Generator) -> dict:
        is_minority, _ = minority_split(feats, labels, logits.argmax(1),
                                        num_classes, self.lam)
        attacked = select_attacked(labels.numpy(), is_minority.numpy(),
                                   num_classes, self.attack_share, rng)
        if self.objective == 'probe':
            score = fit_minority_probe(feats, labels, is_minority,
                                       num_classes)
        else:
            score = (minority_centroids(feats, labels, is_minority,
                                        num_classes), )
        return dict(
            attacked=attacked, score=score,
            num_minority=int(is_minority.sum()),
            labels=labels[torch.from_numpy(attacked)],
            entries=build_manifest(labels.numpy(), num_classes, attacked,
                                   self.mix_share, rng, self.beta))

    def _attack(self, model, source, plan: dict, directory: str, rank: int,
                world_size: int, batch_size: int) -> None:
        """Perturb this rank's rows ``rank, rank + world_size, ...``."""
        rows = np.arange(rank, len(plan['attacked']), world_size)
        if not len(rows):
            return
        score_fn = (probe_score if self.objective == 'probe' else
                    centroid_score)(*plan['score'])
        perturbed = np.load(osp.join(directory, PERTURBED), mmap_mode='r+')
        loader = DataLoader(
            Subset(source, plan['attacked'][rows].tolist()),
            batch_size=self.batch_size or batch_size,
            collate_fn=pseudo_collate)
        device = next(model.parameters()).device
        done = 0
        for batch in track(loader, len(loader)):
            shapes = {tuple(x.shape) for x in batch['inputs']}
            if shapes != {perturbed.shape[1:]}:
                raise ValueError(
                    'AFRHook: the attacked images must all have the shape '
                    f'{perturbed.shape[1:]} (C, H, W); the load pipeline '
                    f'gives {sorted(shapes)}. Set `load_pipeline` to one '
                    'ending in a fixed-size crop and PackInputs.')
            images = torch.stack(batch['inputs']).to(device)
            n = len(images)
            adv = pgd_toward(model, images,
                             plan['labels'][rows[done:done + n]], score_fn,
                             **self.pgd)
            perturbed[rows[done:done + n]] = adv.cpu().numpy()
            done += n
        perturbed.flush()

    def _install(self, runner, round_: int, directory: str) -> None:
        checksum = rebuilt_checksum(directory)
        sums = all_gather_object(checksum)
        if len(set(sums)) > 1:
            raise RuntimeError(f'AFRHook: the ranks read different rebuilt '
                               f'sets in {directory} (checksums {sums}).')
        source = self._source_set(runner)
        self._dataset = AFRDataset(directory, source, self.pipeline,
                                   len(source.metainfo['classes']),
                                   self.mix_mode)
        train_cfg = runner.cfg.train_dataloader
        loader = runner.build_dataloader(
            dict(batch_size=train_cfg.batch_size,
                 num_workers=train_cfg.get('num_workers', 0),
                 persistent_workers=train_cfg.get('persistent_workers',
                                                  False),
                 dataset=self._dataset,
                 sampler=dict(type='DefaultSampler', shuffle=True),
                 collate_fn=train_cfg.get(
                     'collate_fn', dict(type='default_collate'))),
            seed=runner.seed)
        old = runner.train_loop.dataloader
        if getattr(old, '_iterator', None) is not None:
            # persistent workers of the old set: shut them down now
            old._iterator._shutdown_workers()
            old._iterator = None
        loop = runner.train_loop
        loop.dataloader = loader
        loop._max_iters = runner.iter + (loop.max_epochs -
                                         runner.epoch) * len(loader)
        if len(loader) != self._epoch_length:
            replay_param_schedulers(runner, runner.epoch)
            self._epoch_length = len(loader)
        self._round, self._checksum = round_, checksum

    def _restore(self, runner, round_: int) -> None:
        """Reload round ``round_`` written before a resume."""
        directory = self._directory(runner, round_)
        expected = self._expected.get('afr_checksum')
        for name in (MANIFEST, PERTURBED):
            if not osp.isfile(osp.join(directory, name)):
                raise FileNotFoundError(
                    f'AFRHook: resuming inside round {round_} needs '
                    f'{osp.join(directory, name)}, written by the run that '
                    'saved the checkpoint; it is missing.')
        self._install(runner, round_, directory)
        if (self._expected.get('afr_round') == round_
                and expected not in (None, self._checksum)):
            raise RuntimeError(
                f'AFRHook: {directory} changed since the checkpoint was '
                f'saved (checksum {expected[:16]} then, '
                f'{self._checksum[:16]} now).')
        print_log(f'AFRHook: round {round_} restored from {directory} '
                  f'(checksum {self._checksum[:16]}).', logger='current')
