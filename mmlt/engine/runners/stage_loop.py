"""Epoch-based training in named stages: the one place a recipe changes its
training data, epoch length and schedule."""
import copy
import logging
from typing import Dict, List, Optional, Tuple, Union

from mmengine.logging import print_log
from mmengine.runner import EpochBasedTrainLoop
from mmpretrain.registry import LOOPS
from torch.utils.data import DataLoader

EPOCH_LENGTH_KEY = 'train_epoch_length'
STAGE_KEY = 'train_stage'


@LOOPS.register_module()
class StageTrainLoop(EpochBasedTrainLoop):
    """mmengine's ``EpochBasedTrainLoop`` whose epochs fall into named stages.

    Multi-stage recipes (decoupling, weight balancing, FACoG, AFR) declare
    their stage boundaries once, in ``train_cfg.stages``; the hooks of a
    stage name it (``stage='classifier'``) and read its epochs from the
    loop. The loop owns what changes at a boundary:

    - **Parameter schedulers** may name a stage: a scheduler with
      ``stage=NAME`` counts ``begin`` (default 0) and ``end`` (default the
      stage's end) from the stage's first epoch, and is cut to its stage
      (with a warning; the last stage's may outlast ``max_epochs``), so that
      shortening a stage shortens its schedules. Schedulers left with no
      epoch, e.g. of a stage that never runs, are dropped; schedulers
      without ``stage`` are unchanged.
    - **The training dataloader**: :meth:`switch_dataloader` replaces it
      (the old one's workers are shut down), recomputes ``max_iters``, and,
      when the epoch length changes, re-times the iteration-based
      schedulers (:meth:`retime_param_schedulers`).
    - **Checkpoints** record the stage and the epoch length the schedulers
      count (the message hub's runtime info), so a resumed run re-times
      from where the saved one was.

    Several stages may begin at the same epoch; only the last of them runs.
    A stage that begins at or after ``max_epochs`` never runs.

    Example (cRT: 30 epochs joint, 10 re-training the classifier):
        >>> train_cfg = dict(
        ...     type='StageTrainLoop', max_epochs=40,
        ...     stages=dict(joint=0, classifier=30))
        >>> param_scheduler = [
        ...     dict(type='CosineAnnealingLR', by_epoch=True, stage='joint'),
        ...     dict(type='CosineAnnealingLR', by_epoch=True,
        ...          stage='classifier')]
        >>> custom_hooks = [dict(type='ClassifierStageHook',
        ...                      stage='classifier', reinit=('head.fc', ))]
        >>> # the classifier stage alone, from a checkpoint:
        >>> # --cfg-options load_from=CKPT train_cfg.max_epochs=10 \\
        >>> #     train_cfg.stages.classifier=0

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader or dict): The first stage's dataloader.
        max_epochs (int): Total training epochs.
        stages (dict, optional): Stage name -> first epoch (0-based); one
            stage must begin at 0. Defaults to one stage, ``train``: the
            loop is then mmengine's ``EpochBasedTrainLoop``.
        **kwargs: ``val_begin``, ``val_interval``, ``dynamic_intervals`` of
            ``EpochBasedTrainLoop``.
    """

    def __init__(self,
                 runner,
                 dataloader: Union[DataLoader, Dict],
                 max_epochs: int,
                 stages: Optional[Dict[str, int]] = None,
                 **kwargs) -> None:
        self._stages = self.check_stages(stages or dict(train=0))
        super().__init__(runner, dataloader, max_epochs, **kwargs)
        # the runner builds its schedulers after its train loop
        if isinstance(runner.param_schedulers, (list, dict)):
            runner.param_schedulers = self.resolve_param_scheduler(
                runner.param_schedulers)
        self._scheduler_cfg = copy.deepcopy(runner.param_schedulers)
        self._timed_length = len(self.dataloader)

    @staticmethod
    def check_stages(stages: Dict[str, int]) -> List[Tuple[str, int]]:
        """``(name, begin)`` pairs ordered by ``begin`` (stable)."""
        if not stages or not isinstance(stages, dict):
            raise ValueError('train_cfg.stages must map stage names to '
                             f'their first epoch, got {stages!r}.')
        for name, begin in stages.items():
            if not isinstance(begin, int) or begin < 0:
                raise ValueError(f'train_cfg.stages.{name} must be an epoch '
                                 f'>= 0, got {begin!r}.')
        ordered = sorted(stages.items(), key=lambda item: item[1])
        if ordered[0][1] != 0:
            raise ValueError(f'train_cfg.stages: one stage must begin at '
                             f'epoch 0, got {dict(ordered)}.')
        return ordered

    @property
    def stages(self) -> List[Tuple[str, int]]:
        """``(name, first epoch)`` of every stage, in order."""
        return list(self._stages)

    def span(self, name: str) -> Tuple[int, int]:
        """``[begin, end)`` epochs of stage ``name``; empty if it never
        runs."""
        names = [n for n, _ in self._stages]
        if name not in names:
            raise KeyError(f'No stage {name!r} in train_cfg.stages '
                           f'({", ".join(names)}).')
        i = names.index(name)
        begin = self._stages[i][1]
        end = self._max_epochs
        if i + 1 < len(self._stages):
            end = min(end, self._stages[i + 1][1])
        return begin, max(begin, end)

    def begin(self, name: str) -> int:
        """First epoch of stage ``name``."""
        return self.span(name)[0]

    def reached(self, name: str) -> bool:
        """Whether the epoch about to run is in stage ``name`` or later."""
        return self._epoch >= self.begin(name)

    @property
    def stage(self) -> str:
        """The stage of the current epoch."""
        return [n for n, b in self._stages if b <= self._epoch][-1]

    def resolve_param_scheduler(self, cfg: Union[list, dict]):
        """``cfg`` with stage-relative ``begin`` / ``end`` made absolute and
        the schedulers of stages that never run dropped."""
        if isinstance(cfg, dict) and 'type' in cfg:  # one scheduler
            cfg = [cfg]
        if isinstance(cfg, dict):  # schedulers of each optimizer
            return {k: self.resolve_param_scheduler(v) for k, v in cfg.items()}
        resolved = []
        for scheduler in cfg:
            scheduler = copy.deepcopy(scheduler)
            name = scheduler.pop('stage', None)
            if name is not None:
                begin, end = self.span(name)
                if begin == end:
                    continue
                scheduler['end'] = begin + scheduler.get('end', end - begin)
                scheduler['begin'] = begin + scheduler.get('begin', 0)
                # within its stage (the last stage's may outlast
                # max_epochs: a run to be extended)
                following = [b for n, b in self._stages if b > begin]
                if following and scheduler['end'] > following[0]:
                    print_log(
                        f'StageTrainLoop: param_scheduler {scheduler["type"]}'
                        f' of stage {name!r} cut from epochs '
                        f'{scheduler["begin"]}-{scheduler["end"]} to its '
                        f'stage, {begin}-{following[0]}.',
                        logger='current',
                        level=logging.WARNING)
                    scheduler['end'] = following[0]
                if scheduler['begin'] >= scheduler['end']:
                    continue
            resolved.append(scheduler)
        return resolved

    def run(self):
        hub = self.runner.message_hub
        self._timed_length = hub.get_info(EPOCH_LENGTH_KEY, self._timed_length)
        hub.update_info(EPOCH_LENGTH_KEY, self._timed_length)
        return super().run()

    def run_epoch(self) -> None:
        stage = self.stage
        if self.runner.message_hub.get_info(STAGE_KEY) != stage:
            print_log(
                f'StageTrainLoop: stage {stage!r} from epoch '
                f'{self._epoch + 1}.',
                logger='current')
        self.runner.message_hub.update_info(STAGE_KEY, stage)
        super().run_epoch()

    def switch_dataloader(self,
                          dataloader: Union[DataLoader, dict],
                          retime: bool = True) -> DataLoader:
        """Train on ``dataloader`` (a config is built with the run's seed)
        from the current epoch on.

        The old loader's persistent workers are shut down, ``max_iters``
        counts the remaining epochs at the new length, and, unless
        ``retime`` is False, iteration-based schedulers are re-timed when
        the length differs from the one they count.
        """
        if isinstance(dataloader, dict):
            dataloader = self.runner.build_dataloader(
                dataloader, seed=self.runner.seed)
        old = self.dataloader
        iterator = getattr(old, '_iterator', None)
        if old is not dataloader and iterator is not None:
            # persistent workers live until the loader is collected
            iterator._shutdown_workers()
            old._iterator = None
        self.dataloader = dataloader
        length = len(dataloader)
        self._max_iters = self._iter + (self._max_epochs -
                                        self._epoch) * length
        if retime and length != self._timed_length:
            self.retime_param_schedulers()
        return dataloader

    def retime_param_schedulers(self) -> None:
        """Rebuild the schedulers for the current epoch length and replay
        them to the start of the current epoch.

        Schedulers converted from epochs to iterations
        (``convert_to_iter_based``) count iterations of the epoch length
        they were built with; rebuilt with the new length and replayed
        ``epoch`` epochs of it, they stand where their epoch-based
        definition says. The parameters they drive are first reset to
        their ``initial_*`` values. Without iteration-based schedulers
        nothing depends on the epoch length and nothing changes.
        """
        runner = self.runner
        length = len(self.dataloader)
        flat = runner.param_schedulers or []
        if isinstance(flat, dict):
            flat = [s for v in flat.values() for s in v]
        if any(not s.by_epoch for s in flat):
            wrappers = runner.optim_wrapper
            wrappers = (
                wrappers.values()
                if hasattr(wrappers, 'items') else [wrappers])
            for wrapper in wrappers:
                for group in wrapper.optimizer.param_groups:
                    for key in [k for k in group if k.startswith('initial_')]:
                        group[key[len('initial_'):]] = group[key]
            schedulers = runner.build_param_scheduler(
                copy.deepcopy(self._scheduler_cfg))
            flat = ([s for v in schedulers.values() for s in v] if isinstance(
                schedulers, dict) else schedulers)
            for _ in range(self._epoch):
                for _ in range(length):
                    for scheduler in flat:
                        if not scheduler.by_epoch:
                            scheduler.step()
                for scheduler in flat:
                    if scheduler.by_epoch:
                        scheduler.step()
            runner.param_schedulers = schedulers
        self._timed_length = length
        runner.message_hub.update_info(EPOCH_LENGTH_KEY, length)
