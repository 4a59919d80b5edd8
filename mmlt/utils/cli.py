"""What tools/train.py and tools/test.py share: common flags, runner."""
import argparse
import contextlib
import copy
import functools
import os
import os.path as osp
import sys
from typing import Callable, Iterator, Tuple

import torch
import torch.distributed as torch_dist
from mmengine.config import Config, DictAction
from mmengine.registry import RUNNERS
from mmengine.runner import Runner
from torch.distributed.elastic.multiprocessing.errors import record

from mmlt.compat import (launch_rank, setup_cpu_distributed,
                         silence_stack_noise)


def add_common_args(parser: argparse.ArgumentParser) -> None:
    """``--work-dir``, ``--cfg-options``, ``--launcher``, ``--local-rank``."""
    parser.add_argument('--work-dir', help='where logs and checkpoints go')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override config keys, e.g. train_cfg.max_epochs=5')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)


def parse_common(parser: argparse.ArgumentParser) -> argparse.Namespace:
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


def build_runner(cfg: Config):
    """The config's runner, after CPU distributed set-up where needed; its
    log starts with the device and world size and drops the stack's
    deprecation noise."""
    setup_cpu_distributed(cfg)
    runner = (RUNNERS.build(cfg)
              if 'runner_type' in cfg else Runner.from_cfg(cfg))
    silence_stack_noise(runner.logger)
    device = (f'CUDA ({torch.cuda.get_device_name()})'
              if torch.cuda.is_available() else
              f'CPU ({torch.get_num_threads()} threads), no accelerator')
    runner.logger.info(
        f'mmlt: device {device}, world size {runner.world_size} (what '
        f"mmengine's environment block calls 'GPU number'), launcher "
        f'{cfg.launcher}. Epochs are counted from 1 in this log, as in '
        "'Epoch(train) [1]'; hook options such as start_epoch count from 0.")
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
            print(f'[rank {rank}] {type(error).__name__}: {error}',
                  file=sys.stderr, flush=True)
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
    tools that evaluate a trained model outside the test loop."""
    cfg.load_from = checkpoint
    cfg.work_dir = work_dir
    runner = Runner.from_cfg(cfg)
    runner.load_or_resume()
    runner.call_hook('before_test')
    return runner


def train_set_cfg(cfg: Config) -> Tuple[dict, str]:
    """The training set's config inside any dataset wrappers
    (``CMODataset`` ...) and its config key, e.g.
    ``'train_dataloader.dataset.dataset'``."""
    key, dataset = 'train_dataloader.dataset', cfg.train_dataloader.dataset
    while 'dataset' in dataset:
        key, dataset = key + '.dataset', dataset['dataset']
    return dataset, key


def unaugmented_train_set_cfg(cfg: Config, pipeline=None) -> dict:
    """The training set's config (:func:`train_set_cfg`) with ``pipeline``
    (the test pipeline if None): every training image once, unaugmented."""
    dataset = copy.deepcopy(train_set_cfg(cfg)[0])
    dataset['pipeline'] = (cfg.test_dataloader.dataset.pipeline
                           if pipeline is None else pipeline)
    return dataset


def unaugmented_train_loader(runner, cfg: Config):
    """The training set through the test pipeline and test loader settings
    (no augmentation, no resampling), for feature statistics."""
    return runner.build_dataloader(
        dict(cfg.test_dataloader, dataset=unaugmented_train_set_cfg(cfg)))
