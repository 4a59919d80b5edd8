"""BCL: push the memorization scores into the augmentation each epoch."""
from typing import List

from mmengine.hooks import Hook
from mmpretrain.registry import HOOKS

from mmlt.datasets.transforms import MemorizationAugment
from mmlt.models.selfsup import BoostedContrastiveLearning, memorization_scores
from .utils import unwrap_model


def find_transforms(pipeline, kind) -> List:
    """Every ``kind`` instance inside a pipeline, through ``Compose``,
    ``MultiView`` and other transforms that hold transforms."""
    found, stack, visited = [], [pipeline], set()
    while stack:
        node = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, kind):
            found.append(node)
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        else:
            for name in ('transforms', 'pipelines', 'pipeline'):
                stack.extend(
                    [getattr(node, name)] if hasattr(node, name) else [])
    return found


@HOOKS.register_module()
class MemorizationScoreHook(Hook):
    """Before every epoch, the scores of
    :func:`~mmlt.models.selfsup.memorization_scores` from the model's
    ``loss_ma`` (:class:`~mmlt.models.BoostedContrastiveLearning`) into
    every :class:`~mmlt.datasets.MemorizationAugment` of the training
    pipeline (BCL). The tables are sized before the first epoch's workers
    fork; a resumed run rebuilds them from the checkpoint's ``loss_ma``.

    Example:
        >>> custom_hooks = [dict(type='MemorizationScoreHook')]
    """

    def before_train(self, runner) -> None:
        dataset = runner.train_loop.dataloader.dataset
        self._augments = find_transforms(dataset.pipeline, MemorizationAugment)
        if not self._augments:
            raise ValueError('MemorizationScoreHook: the training pipeline '
                             'has no MemorizationAugment.')
        self._size = len(dataset)

    def before_train_epoch(self, runner) -> None:
        bcl = next(
            m for m in unwrap_model(runner).modules()
            if isinstance(m, BoostedContrastiveLearning))  # GH's too
        loss_ma, seen = bcl.loss_ma.cpu(), bcl.seen.cpu()
        scores = loss_ma.new_zeros(self._size)
        scores[:len(loss_ma)] = memorization_scores(loss_ma, seen)
        for augment in self._augments:
            augment.set_scores(scores)
