"""Epoch-driven switches of loss terms: DRW and the LWR schedule.

Both set their state from ``runner.epoch`` before every training epoch, so
a resumed run replays the switch of the epoch it resumes into, as
mmpretrain's ``SwitchRecipeHook`` does on resume.
"""
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from mmlt.models.losses import BaseLTLoss, LWRLoss

from .utils import unwrap_model


def _modules_of(runner, cls):
    return [m for m in unwrap_model(runner).modules() if isinstance(m, cls)]


@HOOKS.register_module()
class DRWHook(Hook):
    """Deferred re-weighting (Cao et al., NeurIPS 2019, Alg. 1).

    Before epoch ``start_epoch`` (0-based, as ``runner.epoch``) the class
    weights of every :class:`~mmlt.models.losses.BaseLTLoss` that has a
    ``class_weight`` are off; from it on they are on. LDAM-DRW on CIFAR:
    ``start_epoch=160`` of 200.

    Example:
        >>> custom_hooks = [dict(type='DRWHook', start_epoch=160)]
        >>> model = dict(head=dict(loss=dict(
        ...     type='LDAMLoss', num_classes=100, class_weight='effective')))
    """
    priority = 'NORMAL'

    def __init__(self, start_epoch: int):
        self.start_epoch = start_epoch

    def before_train(self, runner) -> None:
        losses = [m for m in _modules_of(runner, BaseLTLoss)
                  if m.class_weight is not None]
        if not losses:
            raise ValueError('DRWHook: no loss with `class_weight` in the '
                             "model; set e.g. class_weight='effective'.")

    def before_train_epoch(self, runner) -> None:
        active = runner.epoch >= self.start_epoch
        for loss in _modules_of(runner, BaseLTLoss):
            if loss.class_weight is not None:
                if loss.reweight != active:
                    print_log(f'DRWHook: class weights '
                              f'{"on" if active else "off"} from epoch '
                              f'{runner.epoch + 1}.', logger='current')
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
