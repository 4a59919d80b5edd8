"""Tune the head's post-hoc adjuster on the validation split in every run."""
import json
import os.path as osp
from typing import Optional, Sequence

from mmengine.dist import all_gather_object, is_main_process
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from mmlt.models.heads.posthoc import at_value
from mmlt.utils import gather_outputs
from mmlt.utils.posthoc_search import search_posthoc
from .utils import unwrap_model

META_KEY = 'posthoc_search'
RESULT_FILE = 'posthoc_search.json'


@HOOKS.register_module()
class PosthocSearchHook(Hook):
    """Choose the value of ``model.head.posthoc``'s parameter (LA's tau,
    tau-norm's tau, multiplicative LA's gamma, threshold moving's scale) on
    the config's ``search_dataloader``, a validation split carved from the
    training data, by :func:`mmlt.utils.posthoc_search.search_posthoc`.

    - **Training**: after the last training epoch (before its evaluation
      and checkpoint) the features of the search split are extracted once
      (under DDP each rank embeds its shard and the shards are gathered, so
      every rank searches the same features and chooses the same value;
      the hook checks it), the whole curve and the choice are logged and
      written to ``work_dir/posthoc_search.json``, the value is set on the
      head, so the final evaluation uses it, and it is saved in the
      checkpoint's ``meta``.
    - **Test-only runs** (``tools/test.py``): a checkpoint whose meta holds a
      choice for the same adjuster is evaluated with it, without searching;
      otherwise (e.g. a CE checkpoint) the search runs on the checkpoint's
      model before the test.

    When the unadjusted prediction scores best (always a candidate), the
    head predicts unadjusted. A ``search_dataloader`` over the test set
    (the same dataset settings or annotation file) is refused.

    Example:
        >>> model = dict(head=dict(
        ...     type='LTLinearClsHead',
        ...     posthoc=dict(type='AdditiveLogitAdjust')))
        >>> custom_hooks = [dict(type='PosthocSearchHook')]

    Args:
        grid (Sequence[float], optional): Values of the parameter; defaults
            to the adjuster's own grid (``grid`` of its class).
        refine (bool): Then search around the best value five times finer.
            Defaults to True.
        metric (str): ``LTAccuracy`` key to maximise. Defaults to
            'balanced_acc'.
    """
    priority = 'ABOVE_NORMAL'  # before the checkpoint of the last epoch

    def __init__(self,
                 grid: Optional[Sequence[float]] = None,
                 refine: bool = True,
                 metric: str = 'balanced_acc'):
        self.grid = None if grid is None else [float(v) for v in grid]
        self.refine = refine
        self.metric = metric
        self.adjuster = None  # the config's, whatever the choice
        self.choice = None  # this run's or the loaded checkpoint's

    def before_run(self, runner) -> None:
        head = unwrap_model(runner).head
        adjuster = getattr(head, 'posthoc', None)
        if adjuster is None or not hasattr(type(adjuster), 'param'):
            raise ValueError(
                'PosthocSearchHook: model.head.posthoc must be a post-hoc '
                'adjuster with a searchable parameter (AdditiveLogitAdjust, '
                'MultiplicativeLogitAdjust, TauNormalize, ThresholdMoving), '
                f'got {adjuster!r}.')
        if runner.cfg.get('search_dataloader') is None:
            raise ValueError(
                'PosthocSearchHook: the config has no `search_dataloader` (a '
                'validation split of the training data); the test set is '
                'never searched.')
        self._check_not_test_set(runner.cfg)
        self.adjuster = adjuster

    def after_train_epoch(self, runner) -> None:
        if runner.epoch + 1 == runner.max_epochs:
            self._search(runner)

    def before_test(self, runner) -> None:
        if self.choice is None:
            self._search(runner)

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        choice = checkpoint.get('meta', {}).get(META_KEY)
        adjuster = type(self.adjuster).__name__
        if choice is None or choice['type'] != adjuster:
            return
        self.choice = choice
        self._apply(runner)
        print_log(
            f'PosthocSearchHook: {choice["type"]}.{choice["param"]} = '
            f'{choice["value"]} from the checkpoint (chosen on '
            f'{choice["num_images"]} validation images); no search.',
            logger='current')

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        if self.choice is not None:
            checkpoint.setdefault('meta', {})[META_KEY] = self.choice

    @staticmethod
    def _check_not_test_set(cfg) -> None:

        def settings(loader):
            dataset = dict(loader['dataset'])
            dataset.pop('pipeline', None)
            return dataset

        if cfg.get('test_dataloader') is None:
            return
        search, test = settings(cfg.search_dataloader), settings(
            cfg.test_dataloader)
        if search == test or (search.get('ann_file') and search.get('ann_file')
                              == test.get('ann_file')):
            raise ValueError(
                'PosthocSearchHook: search_dataloader.dataset is the test '
                f'set ({search}); give it a validation split of the '
                'training data.')

    def _search(self, runner) -> None:
        model = unwrap_model(runner)
        was_training = model.training
        loader = runner.build_dataloader(
            runner.cfg.search_dataloader, seed=runner.seed)
        feats, labels = gather_outputs(
            model, loader, lambda m, inputs:
            (m.head.pre_logits(m.extract_feat(inputs)), ))
        model.train(was_training)
        result = search_posthoc(model.head, feats, labels.numpy(),
                                self.adjuster, self.grid, self.refine,
                                self.metric)
        choices = all_gather_object((result.value, result.score))
        if len(set(choices)) != 1:
            raise RuntimeError('PosthocSearchHook: ranks chose differently: '
                               f'{choices}.')
        name = type(self.adjuster).__name__
        self.choice = dict(
            type=name,
            param=result.param,
            value=result.value,
            score=result.score,
            metric=result.metric,
            num_images=result.num_images,
            epoch=runner.epoch,
            curve=[list(point) for point in result.curve])
        self._apply(runner)
        points = ', '.join(f'{"none" if v is None else f"{v:g}"}: {s:.2f}'
                           for v, s in sorted(result.curve, key=_curve_order))
        chosen = ('no adjustment' if result.value is None else
                  f'{result.param} = {result.value:g}')
        print_log(
            f'PosthocSearchHook: {name}.{result.param} on '
            f'{result.num_images} validation images ({result.metric}, '
            f'same on {len(choices)} rank(s)): {points}. Chosen: {chosen} '
            f'({result.score:.2f}).',
            logger='current')
        if is_main_process():
            with open(osp.join(runner.work_dir, RESULT_FILE), 'w') as f:
                json.dump(self.choice, f, indent=1)

    def _apply(self, runner) -> None:
        unwrap_model(runner).head.posthoc = at_value(self.adjuster,
                                                     self.choice['value'])


def _curve_order(point):
    """No adjustment first, then by value."""
    value = point[0]
    return (value is not None, value or 0.0)
