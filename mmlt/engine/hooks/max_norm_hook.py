"""MaxNorm: cap each class weight vector's norm by projection."""
from typing import Optional

import torch
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from .utils import stage_loop, unwrap_model


@HOOKS.register_module()
class MaxNormHook(Hook):
    """Projected gradient descent onto ``||w_c|| <= r`` (Alshammari et al.,
    CVPR 2022, "Long-tailed recognition via weight balancing").

    From the first epoch of the stage ``stage`` of
    :class:`~mmlt.engine.runners.StageTrainLoop` on (from the start if
    ``stage`` is None), every row of ``module``'s weight is
    rescaled to norm ``r`` when longer (rows within the ball are left
    unchanged; the bias is unconstrained). ``r`` is derived from the row
    norms when the hook starts, as the weight-balancing code does:
    ``r = min + ratio * (max - min)`` (ratio 0.1); it is saved in
    checkpoints, so a resumed run keeps the same cap.

    The projection follows the weight-balancing code (Alshammari et al.'s
    ``utils/trainval.py``, and the "Exploring Weight Balancing" code): once
    per training epoch, after its last step, so the rows may leave the ball
    within an epoch. ``by_epoch=False`` projects after every iteration
    instead (the rows never leave it).

    Args:
        stage (str, optional): The stage the constraint begins with, a key
            of ``train_cfg.stages``. Defaults to None (every epoch).
        module (str): The linear layer. Defaults to ``'head.fc'``.
        ratio (float): Where r lies between the smallest and largest norm.
        radius (float, optional): A fixed r instead.
        by_epoch (bool): Project after every epoch (True) or after every
            iteration (False). Defaults to True.
    """
    priority = 'LOW'  # after the optimizer step, before checkpoints

    def __init__(self,
                 stage: Optional[str] = None,
                 module: str = 'head.fc',
                 ratio: float = 0.1,
                 radius: Optional[float] = None,
                 by_epoch: bool = True):
        self.stage = stage
        self.module = module
        self.ratio = ratio
        self.radius = radius
        self.by_epoch = by_epoch

    @staticmethod
    @torch.no_grad()
    def project(weight: torch.Tensor, radius: float) -> None:
        """Rescale in place the rows of ``weight`` longer than ``radius``."""
        norms = weight.norm(dim=1, keepdim=True)
        weight.mul_(torch.clamp(radius / norms.clamp(min=1e-12), max=1.0))

    def _active(self, runner) -> bool:
        return self.stage is None or runner.train_loop.reached(self.stage)

    def before_train(self, runner) -> None:
        if self.stage is not None:
            stage_loop(runner, self).begin(self.stage)

    def _weight(self, runner) -> torch.Tensor:
        return unwrap_model(runner).get_submodule(self.module).weight

    def before_train_epoch(self, runner) -> None:
        if self._active(runner) and self.radius is None:
            norms = self._weight(runner).detach().norm(dim=1)
            self.radius = float(norms.min() + self.ratio *
                                (norms.max() - norms.min()))
            print_log(
                f'MaxNormHook: radius {self.radius:.4f} from weight '
                f'norms in [{norms.min():.4f}, {norms.max():.4f}].',
                logger='current')

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None) -> None:
        if not self.by_epoch and self._active(runner):
            self.project(self._weight(runner), self.radius)

    def after_train_epoch(self, runner) -> None:
        if self.by_epoch and self._active(runner):
            self.project(self._weight(runner), self.radius)

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        if self.radius is not None:
            checkpoint.setdefault('meta', {})['max_norm_radius'] = \
                self.radius

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        radius = checkpoint.get('meta', {}).get('max_norm_radius')
        if radius is not None and self.radius is None:
            self.radius = radius
