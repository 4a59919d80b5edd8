"""What the tools share: common flags, config merging, runner."""
import argparse
import contextlib
import functools
import os
import os.path as osp
import sys
from typing import Callable, Iterator, Optional

import torch
import torch.distributed as torch_dist
from mmengine.config import Config, DictAction
from mmengine.registry import RUNNERS
from mmengine.runner import Runner
from torch.distributed.elastic.multiprocessing.errors import record

from mmlt.compat import launch_rank, setup_cpu_distributed, silence_stack_noise


def add_common_args(parser: argparse.ArgumentParser) -> None:
    """``--work-dir``, ``--cfg-options``, ``--launcher``, ``--local-rank``."""
    parser.add_argument('--work-dir', help='where logs and checkpoints go')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override config keys, e.g. train_cfg.max_epochs=5; a number '
        'indexes a list (custom_hooks.2.lam=0.6), and a hook of custom_hooks '
        'can be named by its type instead of its index: '
        'custom_hooks.AFRHook.lam=0.6')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)


def parse_common(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """The parsed command line; ``LOCAL_RANK`` from ``--local-rank`` unless
    the launcher set it."""
    args = parser.parse_args()
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    return args


def set_launcher_and_work_dir(cfg: Config, args) -> None:
    """Launcher from the flag; work dir: flag > config > config name."""
    cfg.launcher = args.launcher
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])


def merge_cfg_options(cfg: Config, options: Optional[dict]) -> None:
    """Merge ``--cfg-options`` into ``cfg``, custom hooks addressable by type.

    Keys are those of :meth:`mmengine.config.Config.merge_from_dict`:
    dotted paths in which a number indexes a list
    (``custom_hooks.2.lam=0.6``). A hook of ``custom_hooks`` may also be
    named by its ``type`` in place of its index:
    ``custom_hooks.AFRHook.lam=0.6`` sets ``lam`` of the one hook whose
    ``type`` is ``AFRHook``, wherever the config puts it. Types are looked
    up in ``cfg.custom_hooks`` as it is before ``options`` are merged.

    Args:
        cfg (Config): The config, updated in place.
        options (dict, optional): Keys and values, as ``DictAction`` parses
            ``--cfg-options``; None merges nothing.

    Raises:
        ValueError: A key names a hook type that ``custom_hooks`` has none
            of, or more than one of; the message names the key and the
            types of the hooks there.
    """
    if options:
        cfg.merge_from_dict({
            _hook_index_key(cfg, key): value
            for key, value in options.items()
        })


def _hook_index_key(cfg: Config, key: str) -> str:
    """``key`` with a hook type after ``custom_hooks.`` replaced by the
    index of the one hook of that type."""
    parts = key.split('.')
    if parts[0] != 'custom_hooks' or len(parts) < 2 or parts[1].isdigit():
        return key
    types = [
        getattr(hook.get('type'), '__name__', hook.get('type'))
        for hook in cfg.get('custom_hooks') or []
    ]
    indices = [i for i, hook_type in enumerate(types) if hook_type == parts[1]]
    if len(indices) != 1:
        found = (f'{len(indices)} hooks (indices '
                 f'{", ".join(map(str, indices))})' if indices else 'no hook')
        present = ', '.join(f'{i}: {t}' for i, t in enumerate(types))
        raise ValueError(
            f'cfg option {key!r}: custom_hooks has {found} of type '
            f'{parts[1]!r}; its hooks are [{present}]. Name a type that '
            'appears once, or give the index.')
    return '.'.join(['custom_hooks', str(indices[0])] + parts[2:])


def load_config(
        args: argparse.Namespace,
        merge_tool_args: Callable[[Config, argparse.Namespace],
                                  None]) -> Config:
    """``args.config`` with the command line merged, in mmpretrain's order.

    The launcher and work dir first (:func:`set_launcher_and_work_dir`),
    then the tool's own flags (``merge_tool_args(cfg, args)``, in place),
    then ``--cfg-options`` (:func:`merge_cfg_options`), which override
    both.

    Args:
        args (argparse.Namespace): The flags of :func:`add_common_args`,
            ``config`` and the tool's own.
        merge_tool_args (Callable): Merges the tool's own flags into the
            config.

    Returns:
        Config: The merged config.
    """
    cfg = Config.fromfile(args.config)
    set_launcher_and_work_dir(cfg, args)
    merge_tool_args(cfg, args)
    merge_cfg_options(cfg, args.cfg_options)
    return cfg


def build_runner(cfg: Config):
    """The config's runner, after CPU distributed set-up where needed; its
    log starts with the device and world size and drops the stack's
    deprecation noise."""
    setup_cpu_distributed(cfg)
    runner = (
        RUNNERS.build(cfg) if 'runner_type' in cfg else Runner.from_cfg(cfg))
    silence_stack_noise(runner.logger)
    device = (f'CUDA ({torch.cuda.get_device_name()})'
              if torch.cuda.is_available() else
              f'CPU ({torch.get_num_threads()} threads), no accelerator')
    runner.logger.info(
        f'mmlt: device {device}, world size {runner.world_size} (what '
        f"mmengine's environment block calls 'GPU number'), launcher "
        f'{cfg.launcher}. Epochs are counted from 1 in this log, as in '
        "'Epoch(train) [1]'; train_cfg.stages count from 0.")
    return runner


def report_errors_once(main: Callable) -> Callable:
    """A tool's ``main`` whose error a distributed job reports once.

    Rank 0 (and a run without a launcher) raises with the whole traceback;
    any other failing rank prints one line naming its rank and error. The
    error of every rank goes to torchrun's error file (torch's
    :func:`record`), so torchrun's closing summary, the last thing a job
    prints, names the root cause instead of ``error_file: <N/A>``.
    """

    @functools.wraps(main)
    def wrapper(*args, **kwargs):
        try:
            return record(main)(*args, **kwargs)
        except Exception as error:
            rank = launch_rank()
            if rank == 0:
                raise
            print(
                f'[rank {rank}] {type(error).__name__}: {error}',
                file=sys.stderr,
                flush=True)
            sys.exit(1)

    return wrapper


@contextlib.contextmanager
def process_group_teardown() -> Iterator[None]:
    """Destroy the default process group when the tool ends, on success or
    error.

    A gloo (or NCCL) group still alive at interpreter exit makes a rank
    abort with ``terminate called without an active exception`` after a
    run that succeeded, about one launch in two on CPU; torchrun then
    reports the whole job as failed.
    """
    try:
        yield
    finally:
        if torch_dist.is_available() and torch_dist.is_initialized():
            torch_dist.destroy_process_group()


def runner_for_checkpoint(cfg: Config, checkpoint: str, work_dir: str):
    """A runner with ``checkpoint`` loaded and the class counts resolved
    (:class:`~mmlt.engine.hooks.ClassCountsHook`'s ``before_test``), for
    tools that evaluate a trained model outside the test loop. Without the
    config's :class:`~mmlt.engine.hooks.PosthocSearchHook`: these tools
    search or set the post-hoc adjustment themselves."""
    cfg.load_from = checkpoint
    cfg.work_dir = work_dir
    cfg.custom_hooks = [
        hook for hook in cfg.get('custom_hooks', [])
        if hook['type'] != 'PosthocSearchHook'
    ]
    runner = Runner.from_cfg(cfg)
    runner.load_or_resume()
    runner.call_hook('before_test')
    return runner
