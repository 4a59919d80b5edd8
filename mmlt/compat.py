"""Fixes that make mmengine 0.10.7 work on this stack.

- **Checkpoint loading with torch >= 2.6.** ``torch.load`` defaults to
  ``weights_only=True``, and mmengine checkpoints hold a ``message_hub``
  with :class:`~mmengine.logging.HistoryBuffer` objects and numpy arrays,
  which the weights-only unpickler rejects, so ``--resume`` and
  ``load_from`` fail. :func:`allow_mmengine_checkpoints` adds exactly those
  types to torch's safe-globals allow-list, plus a ``getattr`` that only
  resolves HistoryBuffer's statistic methods; weights-only loading stays
  on, and any other pickled object is still refused.
- **Warnings that say nothing about the run.** mmcv-lite lacks compiled
  ops and warns about one at import; mmengine's ``save_checkpoint`` builds
  a deprecated ``FileClient`` on every save. :func:`silence_stack_noise`
  drops exactly these messages, so a log shows what matters.
- **Distributed training on CPU.** mmengine's ``init_dist`` calls
  ``torch.cuda.set_device`` unconditionally. :func:`setup_cpu_distributed`
  initialises a gloo process group first (mmengine then skips its own
  initialisation) and wraps the model in DDP without ``device_ids``.
"""
import logging
import os
import pickle
import warnings

import numpy as np
import torch
import torch.distributed as torch_dist
from mmengine.config import Config


def _numpy_globals() -> list:
    """The numpy callables and types that numpy arrays pickle through."""
    core = getattr(np, '_core', None) or np.core  # numpy 2 / numpy 1
    module = core.multiarray.__name__
    return [
        (core.multiarray._reconstruct, f'{module}._reconstruct'),
        (core.multiarray.scalar, f'{module}.scalar'),
        np.ndarray,
        np.dtype,
    ] + [type(np.dtype(t)) for t in np.sctypeDict.values()]


def _history_buffer_getattr(obj, name: str):
    """``getattr`` restricted to the statistic methods of HistoryBuffer.

    A HistoryBuffer pickles its ``statistics_methods`` as
    ``getattr(HistoryBuffer, 'mean')``; a general ``getattr`` would let a
    checkpoint reach anything, so only this one lookup is allowed.
    """
    from mmengine.logging import HistoryBuffer
    if (obj is not HistoryBuffer or name.startswith('_')
            or not callable(getattr(HistoryBuffer, name, None))):
        raise pickle.UnpicklingError(
            f'mmlt: refusing getattr({obj!r}, {name!r}) in a checkpoint; '
            'only HistoryBuffer statistic methods are allowed.')
    return getattr(obj, name)


def allow_mmengine_checkpoints() -> None:
    """Allow-list the non-tensor types of mmengine checkpoints for
    ``torch.load(weights_only=True)``."""
    if not hasattr(torch.serialization, 'add_safe_globals'):
        return  # torch < 2.4 does not load weights-only by default
    from mmengine.logging import HistoryBuffer
    torch.serialization.add_safe_globals(
        [HistoryBuffer, (_history_buffer_getattr, 'builtins.getattr')] +
        _numpy_globals())


#: mmengine log messages of its own deprecated internals.
_MMENGINE_NOISE = ('"FileClient" will be deprecated',
                   '"HardDiskBackend" is the alias of "LocalBackend"')


class _StackNoiseFilter(logging.Filter):

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_MMENGINE_NOISE)


def silence_stack_noise(logger: logging.Logger = None) -> None:
    """Ignore mmcv-lite's missing-op warning; with ``logger`` (a runner's),
    also drop mmengine's deprecation messages about its own internals."""
    warnings.filterwarnings(
        'ignore',
        message='Fail to import ``MultiScaleDeformableAttention',
        category=UserWarning)
    if logger is not None:
        logger.addFilter(_StackNoiseFilter())


def launch_rank() -> int:
    """This process's rank as its launcher set it (torchrun's ``RANK``,
    srun's ``SLURM_PROCID``), also before any process group exists."""
    return int(os.environ.get('RANK', os.environ.get('SLURM_PROCID', '0')))


def setup_cpu_distributed(cfg: Config) -> None:
    """Initialise gloo and a CPU DDP wrapper when launched without CUDA.

    A no-op for ``launcher='none'`` and on machines with CUDA, where
    mmengine's own NCCL set-up runs as usual. ``'pytorch'`` (torchrun)
    reads ``RANK`` / ``WORLD_SIZE`` / ``MASTER_ADDR`` / ``MASTER_PORT``;
    ``'slurm'`` (srun) derives them from the Slurm variables as mmengine's
    ``_init_dist_slurm`` does: rank ``SLURM_PROCID``, world size
    ``SLURM_NTASKS``, local rank ``SLURM_LOCALID``, master the first host
    of ``SLURM_NODELIST`` (``scontrol show hostnames``) unless
    ``MASTER_ADDR`` is set, port ``MASTER_PORT`` or 29500.
    """
    launcher = cfg.get('launcher', 'none')
    if launcher == 'none' or torch.cuda.is_available():
        return
    if launcher == 'slurm':
        import subprocess
        env = os.environ
        if 'MASTER_ADDR' not in env:
            nodes = env['SLURM_NODELIST']
            try:
                hosts = subprocess.run(
                    ['scontrol', 'show', 'hostnames', nodes],
                    check=True,
                    capture_output=True,
                    text=True).stdout
            except (OSError, subprocess.CalledProcessError) as err:
                raise RuntimeError(
                    f'mmlt: launcher slurm: cannot expand SLURM_NODELIST '
                    f'{nodes!r} with `scontrol show hostnames` ({err}); '
                    'set MASTER_ADDR to the first node.') from err
            env['MASTER_ADDR'] = hosts.split()[0]
        env.setdefault('MASTER_PORT', '29500')
        env['RANK'] = env['SLURM_PROCID']
        env['WORLD_SIZE'] = env['SLURM_NTASKS']
        env['LOCAL_RANK'] = env.get('SLURM_LOCALID', '0')
    if not torch_dist.is_initialized():
        torch_dist.init_process_group(
            backend='gloo',
            rank=int(os.environ['RANK']),
            world_size=int(os.environ['WORLD_SIZE']))
    cfg.env_cfg.setdefault('dist_cfg', {})['backend'] = 'gloo'
    wrapper = cfg.get('model_wrapper_cfg') or dict(
        type='MMDistributedDataParallel')
    wrapper['device_ids'] = None
    cfg.model_wrapper_cfg = wrapper
