"""TS: a cosine schedule of the contrastive temperature."""
import math

from mmengine.hooks import Hook
from mmpretrain.registry import HOOKS

from .utils import unwrap_model


@HOOKS.register_module()
class TemperatureScheduleHook(Hook):
    """Temperature schedules for contrastive learning (TS; Kukleva et al.,
    ICLR 2023; the tutorial's "TS" slide): before every iteration ``t`` the
    contrastive head's temperature is set to

    ``tau(t) = (tau_max - tau_min) * (1 + cos(2 pi t / period)) / 2 +
    tau_min``,

    oscillating between ``tau_max`` (group-wise discrimination, at ``t =
    0``) and ``tau_min`` (instance discrimination, which the tail classes
    benefit from). The value depends on ``runner.iter`` only, so a resumed
    run continues the schedule where it stopped.

    Example:
        >>> custom_hooks = [dict(type='TemperatureScheduleHook',
        ...                      tau_min=0.1, tau_max=1.0, period=300)]

    Args:
        tau_min (float): The lower bound. Defaults to 0.1.
        tau_max (float): The upper bound. Defaults to 1.0.
        period (int): Iterations of one cosine period.
    """
    priority = 'NORMAL'

    def __init__(self,
                 period: int,
                 tau_min: float = 0.1,
                 tau_max: float = 1.0):
        if not 0 < tau_min <= tau_max:
            raise ValueError('TemperatureScheduleHook: need 0 < tau_min <= '
                             f'tau_max, got {tau_min}, {tau_max}.')
        if period < 1:
            raise ValueError(
                f'TemperatureScheduleHook: period must be >= 1, got {period}.')
        self.period = period
        self.tau_min = tau_min
        self.tau_max = tau_max

    def temperature(self, t: int) -> float:
        return (self.tau_max - self.tau_min) * (
            1 + math.cos(2 * math.pi * t / self.period)) / 2 + self.tau_min

    def before_train(self, runner) -> None:
        head = getattr(unwrap_model(runner), 'head', None)
        if not hasattr(head, 'temperature'):
            raise ValueError(
                'TemperatureScheduleHook: the model has no `head.temperature`'
                " (use a contrastive model, e.g. mmpretrain's SimCLR with a "
                'ContrastiveHead).')

    def before_train_iter(self, runner, batch_idx, data_batch=None) -> None:
        unwrap_model(runner).head.temperature = self.temperature(runner.iter)
