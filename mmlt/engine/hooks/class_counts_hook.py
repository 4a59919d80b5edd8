"""One source of class statistics: the training set."""
from typing import Optional, Sequence

import numpy as np
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import DATASETS, HOOKS

from mmlt.datasets.utils import check_no_empty_class, class_counts
from mmlt.models.utils import ClassCountsMixin
from mmlt.models.utils.class_counts import METADATA_KEY
from .utils import unwrap_model

META_KEY = 'class_counts'


@HOOKS.register_module()
class ClassCountsHook(Hook):
    """Derive per-class training counts and hand them to whoever needs them.

    Before training, the counts are read from ``get_gt_labels()`` of the
    training dataset and pushed into every module of the model that is a
    :class:`~mmlt.models.utils.ClassCountsMixin` (losses, heads), and into
    every evaluator metric with a ``class_counts`` attribute (e.g.
    :class:`~mmlt.evaluation.LTAccuracy`). A training set that declares
    the counts of an unlabeled part (``unlabeled_counts``, e.g.
    :class:`~mmlt.datasets.SemiSupervisedDataset`) hands them to every
    module with a ``set_unlabeled_counts`` (DARP's target). They are written to
    ``checkpoint['meta']['class_counts']``, so a test-only run takes them
    from the checkpoint it loads; without them in the checkpoint it builds
    the training dataset of the config (``train_dataloader.dataset``, or
    ``train_dataset`` given here). They are also written into the
    ``_metadata`` of the checkpoint's state dict (one list, pickled once),
    where a :class:`~mmlt.models.utils.ClassCountsMixin` module that loads
    the state dict without a runner finds them: a post-hoc config on a CE
    checkpoint works in mmpretrain's ``ImageClassificationInferencer``.

    mmlt's ``configs/_base_/default_runtime.py`` registers this hook as the
    default hook ``class_counts``.

    Example:
        >>> default_hooks = dict(class_counts=dict(type='ClassCountsHook'))
        >>> # a checkpoint trained elsewhere, counts known:
        >>> default_hooks = dict(
        ...     class_counts=dict(class_counts=[500, 300, 10]))

    Args:
        class_counts (Sequence[int], optional): Explicit override, for a
            checkpoint whose training set is not at hand.
        train_dataset (dict, optional): Dataset config to count in test-only
            runs instead of the config's ``train_dataloader.dataset``.
    """
    priority = 'VERY_HIGH'

    def __init__(self,
                 class_counts: Optional[Sequence[int]] = None,
                 train_dataset: Optional[dict] = None):
        self.override = (None if class_counts is None else np.asarray(
            class_counts, dtype=np.int64))
        self.train_dataset = train_dataset
        self.counts = None
        self._from_checkpoint = None

    @staticmethod
    def count_dataset(dataset) -> np.ndarray:
        """Class counts of a dataset, inside its wrappers (the real images
        of a ``SMOTEDataset``, the one set of a ``CMODataset``, the classes
        of a ``SubclassDataset``); a wrapper that selects a subset of its
        dataset and says so (``counts_here = True``, e.g.
        ``SemiSupervisedSplit``) is counted itself. Raises if a class has no
        sample."""
        while hasattr(dataset, 'dataset') and not getattr(
                dataset, 'counts_here', False):
            dataset = dataset.dataset
        classes = dataset.metainfo['classes']
        counts = class_counts(dataset.get_gt_labels(), len(classes))
        check_no_empty_class(counts, classes,
                             f'training set {type(dataset).__name__}')
        return counts

    def before_train(self, runner) -> None:
        self.counts = (
            self.override if self.override is not None else self.count_dataset(
                runner.train_dataloader.dataset))
        self._check_num_classes(runner, len(self.counts),
                                'the training set (train_dataloader.dataset)')
        self._push_to_model(runner)
        unlabeled = getattr(runner.train_dataloader.dataset,
                            'unlabeled_counts', None)
        if unlabeled is not None:
            for module in unwrap_model(runner).modules():
                if hasattr(module, 'set_unlabeled_counts'):
                    module.set_unlabeled_counts(unlabeled)

    def before_val(self, runner) -> None:
        self._prepare_eval(runner, runner.val_loop.evaluator)

    def before_test(self, runner) -> None:
        self._prepare_eval(runner, runner.test_loop.evaluator)

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        if self.counts is not None:
            counts = self.counts.tolist()
            checkpoint.setdefault('meta', {})[META_KEY] = counts
            metadata = getattr(checkpoint.get('state_dict'), '_metadata', {})
            for entry in metadata.values():  # every module position
                entry[METADATA_KEY] = counts

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        source = _checkpoint_name(runner)
        counts = checkpoint.get('meta', {}).get(META_KEY)
        if counts is not None:
            self._check_num_classes(runner, len(counts), source)
            self._from_checkpoint = np.asarray(counts, dtype=np.int64)

    def _prepare_eval(self, runner, evaluator) -> None:
        if self.counts is None:  # an evaluation-only run
            self.counts = self._resolve_eval_counts(runner)
            self._push_to_model(runner)
        for metric in evaluator.metrics:
            if hasattr(metric, 'class_counts'):
                metric.class_counts = self.counts

    def _resolve_eval_counts(self, runner) -> np.ndarray:
        if self.override is not None:
            return self.override
        if self._from_checkpoint is not None:
            print_log(
                'ClassCountsHook: class counts from the checkpoint.',
                logger='current')
            return self._from_checkpoint
        cfg = self.train_dataset or runner.cfg.get('train_dataloader',
                                                   {}).get('dataset')
        if cfg is None:
            raise RuntimeError(
                'ClassCountsHook: no class counts. The checkpoint carries '
                'none and the config has no `train_dataloader.dataset`; give '
                '`train_dataset` or `class_counts` to the hook.')
        print_log(
            'ClassCountsHook: class counts from the training set of '
            'the config.',
            logger='current')
        counts = self.count_dataset(DATASETS.build(cfg))
        self._check_num_classes(runner, len(counts), 'the training set')
        return counts

    def _push_to_model(self, runner) -> None:
        for module in unwrap_model(runner).modules():
            if isinstance(module, ClassCountsMixin):
                module.set_class_counts(self.counts)

    @staticmethod
    def _check_num_classes(runner, num: int, source: str) -> None:
        head = getattr(unwrap_model(runner), 'head', None)
        expected = getattr(head, 'num_classes', None)
        if expected is not None and expected != num:
            raise ValueError(f'Class count mismatch: {source} has {num} '
                             f'classes but the config sets '
                             f'model.head.num_classes={expected}.')


def _checkpoint_name(runner) -> str:
    load_from = runner.cfg.get('load_from')
    return (f'checkpoint {load_from}'
            if load_from else 'the latest checkpoint of the work dir')
