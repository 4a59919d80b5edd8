"""FACoG's phase switch: dictionary building and the phase-2 data."""
from typing import Optional

import torch
from mmengine.dist import all_gather_object
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmengine.runner import set_random_seed
from mmpretrain.registry import HOOKS

from mmlt.models.facog import FACoG, FeatureDictionary
from .epoch_seed_hook import EpochSeedHook
from .utils import (stage_loop, sync_buffers, unaugmented_train_loader,
                    unwrap_model)

CHECKSUM_KEY = 'facog_dictionary_checksum'


@HOOKS.register_module()
class FACoGHook(Hook):
    """Run FACoG's two phases in one training.

    Epochs before the stage ``stage`` of
    :class:`~mmlt.engine.runners.StageTrainLoop` are phase 1 on images. At
    the stage's first epoch the hook extracts the feature dictionary with the
    backbone as it is then (phase 2 never updates it: the backbone is not
    part of any phase-2 optimiser and phase-2 iterations never run it),
    hands it to the model and has the loop train on the dictionary's
    features (``batch_size``, shuffled per epoch, sharded
    under DDP). A phase-2 epoch is one pass over the dictionary, or
    ``num_samples`` features of a chain of shuffled passes
    (:class:`~mmlt.datasets.UniformSampler`): a fixed number of iterations
    whatever the dictionary's size.

    Example (20 epochs of phase 1, 10 of phase 2):
        >>> train_cfg = dict(type='StageTrainLoop', max_epochs=30,
        ...                  stages=dict(phase1=0, phase2=20))
        >>> custom_hooks = [dict(type='FACoGHook', batch_size=64)]

    Resume: the phase follows ``runner.epoch``; a run resumed inside phase 2
    re-extracts the dictionary from the restored (frozen) backbone with the
    test pipeline, which gives the same features, and compares its checksum
    with the one saved in the checkpoint (a warning names both if they
    differ, e.g. on other hardware). G, D, their optimisers and schedules
    are restored by the checkpoint like any module.

    Args:
        stage (str): The stage of phase 2, a key of ``train_cfg.stages``;
            beginning at ``max_epochs`` it trains phase 1 only. Defaults to
            ``'phase2'``.
        batch_size (int): Phase-2 batch of real features. Defaults to 128.
        dtype (str): Dictionary storage, ``'float32'`` or ``'float16'``.
        max_per_class (int, optional): Cap of features per class.
        num_samples (int, optional): Features per phase-2 epoch (all
            ranks); None is one pass over the dictionary.
    """
    priority = 'ABOVE_NORMAL'  # swap the loader before its epoch is set

    def __init__(self,
                 stage: str = 'phase2',
                 batch_size: int = 128,
                 dtype: str = 'float32',
                 max_per_class: Optional[int] = None,
                 num_samples: Optional[int] = None):
        if dtype not in ('float32', 'float16'):
            raise ValueError(f"FACoGHook: dtype must be 'float32' or "
                             f"'float16', got {dtype!r}.")
        self.stage = stage
        self.batch_size = batch_size
        self.dtype = getattr(torch, dtype)
        self.max_per_class = max_per_class
        self.num_samples = num_samples
        self._loader = None
        self._expected_checksum = None

    def before_train(self, runner) -> None:
        if not isinstance(unwrap_model(runner), FACoG):
            raise TypeError('FACoGHook needs a FACoG model, got '
                            f'{type(unwrap_model(runner)).__name__}.')
        begin = stage_loop(runner, self).begin(self.stage)
        if begin >= runner.max_epochs:
            print_log(
                f'FACoGHook: phase 2 starts at epoch {begin + 1} > '
                'max_epochs: phase 1 only.',
                logger='current')

    def before_train_epoch(self, runner) -> None:
        model = unwrap_model(runner)
        if not runner.train_loop.reached(self.stage):
            model.phase = 1
            return
        if model.dictionary is None:
            self._build(runner, model)
        if model.phase != 2:
            print_log(
                f'FACoGHook: phase 2 from epoch {runner.epoch + 1}.',
                logger='current')
            # phase-1 losses would stay in the logs at their last values
            scalars = runner.message_hub.log_scalars
            for key in [k for k in scalars if k.startswith('train/loss')]:
                scalars.pop(key)
            runner.train_loop.switch_dataloader(self._loader)
        model.phase = 2
        # phase 2 draws G's classes, dictionary samples and noise from the
        # global RNG, which EpochSeedHook seeds alike on every rank: offset
        # it by the rank so that the ranks' G / D batches differ (rank 0,
        # and so a single process, keeps the epoch's stream)
        set_random_seed(
            EpochSeedHook.epoch_seed(runner.seed, runner.epoch),
            diff_rank_seed=True)

    def _build(self, runner, model: FACoG) -> None:
        sync_buffers(model)
        dictionary = FeatureDictionary.extract(
            model,
            unaugmented_train_loader(runner),
            model.class_counts.numel(),
            dtype=self.dtype,
            max_per_class=self.max_per_class,
            seed=runner.seed)
        checksum = dictionary.checksum()
        sums = all_gather_object(checksum)
        if len(set(sums)) > 1:
            raise RuntimeError('FACoGHook: the ranks built different '
                               f'feature dictionaries (checksums {sums}).')
        print_log(
            f'FACoGHook: feature dictionary of {len(dictionary)} features x '
            f'{dictionary.feats.shape[1]} ({str(self.dtype)[6:]}): '
            f'{dictionary.nbytes / 2**20:.2f} MiB, checksum {checksum[:16]}, '
            f'identical on {len(sums)} rank(s).',
            logger='current')
        if self._expected_checksum not in (None, checksum):
            print_log(
                'FACoGHook: the rebuilt dictionary differs from the one of '
                f'the checkpoint (checksum {self._expected_checksum[:16]} '
                f'there, {checksum[:16]} now); phase 2 goes on with it.',
                logger='current',
                level=30)
        model.dictionary = dictionary
        sampler = (
            dict(type='DefaultSampler', shuffle=True)
            if self.num_samples is None else dict(
                type='UniformSampler', num_samples=self.num_samples))
        self._loader = runner.build_dataloader(
            dict(
                batch_size=self.batch_size,
                num_workers=0,
                dataset=dictionary,
                sampler=sampler,
                collate_fn=dict(type='default_collate')),
            seed=runner.seed)

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        dictionary = unwrap_model(runner).dictionary
        if dictionary is not None:
            checkpoint.setdefault('meta', {})[CHECKSUM_KEY] = \
                dictionary.checksum()

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        self._expected_checksum = checkpoint.get('meta', {}).get(CHECKSUM_KEY)
