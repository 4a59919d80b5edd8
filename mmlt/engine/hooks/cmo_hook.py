"""CMO's active window: mixing off in the first and the last epochs."""
from typing import Optional

from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from mmlt.datasets import CMODataset
from mmlt.models.utils import CMODataPreprocessor
from .utils import unwrap_model


@HOOKS.register_module()
class CMOHook(Hook):
    """Turn :class:`~mmlt.models.CMODataPreprocessor`'s mixing on for
    epochs ``begin < epoch < end`` (0-based, as ``runner.epoch``), as the
    CMO code's ``start_data_aug < epoch < epochs - end_data_aug``.

    The state follows ``runner.epoch`` before every epoch, so a resumed run
    is in the right window. Checks that the training set is a
    :class:`~mmlt.datasets.CMODataset` and the preprocessor mixes.

    Example:
        >>> custom_hooks = [dict(type='CMOHook', begin=3)]  # end: last 3 off

    Args:
        begin (int): Mixing starts after this epoch. Defaults to 3.
        end (int, optional): Mixing stops at this epoch; defaults to
            ``max_epochs - 3``. A recipe whose CMO stage ends before
            ``max_epochs`` (AFR) sets it.
    """

    def __init__(self, begin: int = 3, end: Optional[int] = None):
        self.begin = begin
        self.end = end
        self._active = None

    def before_train(self, runner) -> None:
        if self.end is None:
            self.end = runner.max_epochs - 3
        dataset = runner.train_dataloader.dataset
        if not isinstance(dataset, CMODataset):
            raise TypeError(
                'CMOHook: `train_dataloader.dataset` must be a CMODataset '
                f"(with sampler CMOSampler), got {type(dataset).__name__}.")
        preprocessor = unwrap_model(runner).data_preprocessor
        if not isinstance(preprocessor, CMODataPreprocessor):
            raise TypeError(
                'CMOHook: the model needs '
                "data_preprocessor=dict(type='CMODataPreprocessor', ...), "
                f'got {type(preprocessor).__name__}.')

    def before_train_epoch(self, runner) -> None:
        preprocessor = unwrap_model(runner).data_preprocessor
        active = self.begin < runner.epoch < self.end
        if active != self._active:
            print_log(
                f'CMOHook: minority CutMix {"on" if active else "off"}'
                f' from epoch {runner.epoch + 1}.',
                logger='current')
        preprocessor.mix_active = self._active = active
