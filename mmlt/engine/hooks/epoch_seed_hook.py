"""Random streams derived from (seed, epoch): resume is bit-exact."""
from mmengine.hooks import Hook
from mmengine.runner import set_random_seed
from mmpretrain.registry import HOOKS

from mmlt.utils import derive_seed


@HOOKS.register_module()
class EpochSeedHook(Hook):
    """Reseed python, numpy and torch before every training epoch from the
    run's seed and the epoch.

    mmengine seeds the random streams once, when the runner is built, and
    its checkpoints do not hold their state: a run resumed at epoch ``e``
    draws its augmentation, sampler-free shuffles, CutMix boxes, PGD starts
    and generator noise from the streams of a fresh process, not from where
    the uninterrupted run had them. Deriving every epoch's streams from
    ``(seed, epoch)`` makes them a function of what the checkpoint holds,
    so a run killed at any iteration and resumed from its last checkpoint
    ends with the weights of the uninterrupted run (with
    ``randomness.deterministic=True``; on CPU, max abs difference 0).

    It runs first (``HIGHEST``), before any hook that draws random numbers
    at the start of an epoch (AFR's rebuild, FACoG's dictionary). Loader
    workers are covered when they start with the epoch (``num_workers=0``,
    or ``persistent_workers=False``); persistent workers keep the streams
    they were seeded with at start across epochs, which no checkpoint
    holds.

    Registered by ``configs/_base_/default_runtime.py`` as
    ``default_hooks.epoch_seed``.
    """

    priority = 'HIGHEST'

    @staticmethod
    def epoch_seed(seed: int, epoch: int) -> int:
        """A 32-bit seed for ``epoch`` of a run seeded with ``seed``
        (:func:`~mmlt.utils.derive_seed`)."""
        return derive_seed(seed, epoch)

    def before_train_epoch(self, runner) -> None:
        set_random_seed(
            self.epoch_seed(runner.seed, runner.epoch),
            diff_rank_seed=runner._randomness_cfg.get('diff_rank_seed', False))
