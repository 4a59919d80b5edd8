"""A hook that kills its own process with SIGKILL after a given training
iteration: the tests' stand-in for a job killed on a cluster."""
import os
import signal

from mmengine.hooks import Hook
from mmpretrain.registry import HOOKS


@HOOKS.register_module()
class SigkillHook(Hook):
    """SIGKILL this process after iteration ``iter`` (1-based) of epoch
    ``epoch`` (0-based, as ``runner.epoch``)."""

    priority = 'LOWEST'

    def __init__(self, epoch: int, iter: int):
        self.epoch = epoch
        self.iter = iter

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None) -> None:
        if runner.epoch == self.epoch and batch_idx + 1 == self.iter:
            os.kill(os.getpid(), signal.SIGKILL)
