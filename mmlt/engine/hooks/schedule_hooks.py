"""Epoch-driven switches of loss terms: DRW and the LWR schedule.

Both set their state from ``runner.epoch`` before every training epoch, so
a resumed run replays the switch of the epoch it resumes into, as
mmpretrain's ``SwitchRecipeHook`` does on resume.
"""
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from mmlt.models.losses import BaseLTLoss, LWRLoss
from .utils import stage_loop, unwrap_model


def _modules_of(runner, cls):
    return [m for m in unwrap_model(runner).modules() if isinstance(m, cls)]


@HOOKS.register_module()
class DRWHook(Hook):
    """Deferred re-weighting (Cao et al., NeurIPS 2019, Alg. 1).

    Before the stage ``stage`` of :class:`~mmlt.engine.runners.
    StageTrainLoop` the class weights of every
    :class:`~mmlt.models.losses.BaseLTLoss` that has a ``class_weight`` are
    off; from its first epoch on they are on. LDAM-DRW on CIFAR: from epoch
    160 of 200.

    Example:
        >>> train_cfg = dict(type='StageTrainLoop', max_epochs=200,
        ...                  stages=dict(erm=0, drw=160))
        >>> custom_hooks = [dict(type='DRWHook', stage='drw')]
        >>> model = dict(head=dict(loss=dict(
        ...     type='LDAMLoss', class_weight='effective')))

    Args:
        stage (str): The re-weighted stage, a key of ``train_cfg.stages``.
    """
    priority = 'NORMAL'

    def __init__(self, stage: str):
        self.stage = stage

    def before_train(self, runner) -> None:
        stage_loop(runner, self).begin(self.stage)
        losses = [
            m for m in _modules_of(runner, BaseLTLoss)
            if m.class_weight is not None
        ]
        if not losses:
            raise ValueError('DRWHook: no loss with `class_weight` in the '
                             "model; set e.g. class_weight='effective'.")

    def before_train_epoch(self, runner) -> None:
        active = runner.train_loop.reached(self.stage)
        for loss in _modules_of(runner, BaseLTLoss):
            if loss.class_weight is not None:
                if loss.reweight != active:
                    print_log(
                        f'DRWHook: class weights '
                        f'{"on" if active else "off"} from epoch '
                        f'{runner.epoch + 1}.',
                        logger='current')
                loss.reweight = active


@HOOKS.register_module()
class LWRScheduleHook(Hook):
    """Scale every :class:`~mmlt.models.losses.LWRLoss` by
    ``(1 - t / T) ** power`` at epoch t of T (LWR paper, Eq. 7).

    Without this hook LWR keeps its constant ``loss_weight``.

    Args:
        power (float): The exponent. Defaults to 2.
    """
    priority = 'NORMAL'

    def __init__(self, power: float = 2.0):
        self.power = power

    @staticmethod
    def factor(epoch: int, max_epochs: int, power: float = 2.0) -> float:
        return (1.0 - epoch / max_epochs)**power

    def before_train_epoch(self, runner) -> None:
        factor = self.factor(runner.epoch, runner.max_epochs, self.power)
        for module in _modules_of(runner, LWRLoss):
            module.schedule_factor = factor
