"""mmlt: long-tailed recognition for mmpretrain.

Importing mmlt registers its datasets, samplers, models, hooks and metrics
into mmpretrain's registries (load it in configs with
``custom_imports = dict(imports=['mmlt'], allow_failed_imports=False)``)
and applies the checkpoint-loading fix of :mod:`mmlt.compat`.
"""
from .compat import allow_mmengine_checkpoints, silence_stack_noise
from .version import __version__

allow_mmengine_checkpoints()
silence_stack_noise()

from . import datasets, engine, evaluation, models, utils  # noqa: E402,F401

__all__ = ['__version__']
