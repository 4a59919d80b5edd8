"""Benchmark suite files (``configs/benchmark/``) and the runs they plan,
for the scripts of ``tools/benchmark/`` (``run_suite.py`` describes the
file format)."""
import functools
import os.path as osp
import re
from typing import List

from mmengine.config import Config

from mmlt.datasets import train_set_cfg

__all__ = ['load_suite', 'plan_runs']


def load_suite(path: str, quick: bool = False) -> dict:
    """The suite's matrix as a plain dict, ``quick`` overrides applied.

    Args:
        path (str): The suite file.
        quick (bool): Apply the suite's ``quick`` overrides.

    Returns:
        dict: ``methods``, ``imb_factors``, ``seeds``, ``cfg_options`` and
        ``pending``.

    Raises:
        ValueError: Two methods share a name.
    """
    cfg = Config.fromfile(path)
    suite = dict(
        methods=[dict(m) for m in cfg.methods],
        imb_factors=list(cfg.imb_factors),
        seeds=list(cfg.seeds),
        cfg_options=dict(cfg.get('cfg_options', {})),
        pending=list(cfg.get('pending', [])),
    )
    if quick:
        suite.update({k: v for k, v in cfg.get('quick', {}).items()})
    names = [m['name'] for m in suite['methods']]
    if len(set(names)) != len(names):
        raise ValueError(f'{path}: duplicate method names in `methods`.')
    return suite


def _slug(name: str) -> str:
    """A method name as a folder name that survives ``--cfg-options``."""
    return re.sub(r'[^A-Za-z0-9_.-]+', '_', name).strip('_')


def plan_runs(suite: dict, work_root: str) -> List[dict]:
    """One entry per (method, IF, seed), with its work dir and options.

    Args:
        suite (dict): A suite from :func:`load_suite`.
        work_root (str): Run ``(m, i, s)`` trains in
            ``work_root/<m>/if<i>/seed<s>`` (``m`` as a folder name).

    Returns:
        list[dict]: ``method``, ``config``, ``imb_factor``, ``seed``,
        ``work_dir`` and ``cfg_options`` (the suite's, the method's, then
        the seed and the training set's imbalance factor) of every run.
    """
    runs = []
    for method in suite['methods']:
        for imb in suite['imb_factors']:
            for seed in suite['seeds']:
                work_dir = osp.join(work_root, _slug(method['name']),
                                    f'if{imb}', f'seed{seed}')
                options = dict(suite['cfg_options'])
                options.update(method.get('cfg_options', {}))
                options.update({
                    'randomness.seed': seed,
                    _imb_factor_key(method['config']): imb,
                })
                runs.append(
                    dict(
                        method=method['name'],
                        config=method['config'],
                        imb_factor=imb,
                        seed=seed,
                        work_dir=work_dir,
                        cfg_options=options))
    return runs


@functools.lru_cache(maxsize=None)
def _imb_factor_key(config: str) -> str:
    """The ``--cfg-options`` key of the training set's ``imb_factor``,
    inside dataset wrappers (``CMODataset`` ...) where there are some."""
    return train_set_cfg(Config.fromfile(config))[1] + '.imb_factor'
