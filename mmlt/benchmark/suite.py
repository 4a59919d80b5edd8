"""Benchmark suite files (``configs/benchmark/``) and the runs they plan,
for the scripts of ``tools/benchmark/`` (``run_suite.py`` describes the
file format)."""
import copy
import functools
import json
import os
import os.path as osp
import re
import subprocess
import sys
import time
from typing import List, Optional

from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmpretrain.registry import DATASETS

from mmlt.datasets import train_set_cfg
from mmlt.utils import read_final_metrics

__all__ = [
    'load_suite', 'plan_runs', 'run_one', 'final_checkpoint',
    'train_set_length'
]

REPO = osp.abspath(osp.join(osp.dirname(__file__), '..', '..'))
RESULT_FILE = 'result.json'


def load_suite(path: str, quick: bool = False) -> dict:
    """The suite's matrix as a plain dict, ``quick`` overrides applied.

    Args:
        path (str): The suite file.
        quick (bool): Apply the suite's ``quick`` overrides.

    Returns:
        dict: ``methods``, ``imb_factors``, ``seeds``, ``cfg_options``,
        ``pending`` and ``records`` (the folder of committed run records,
        or None).

    Raises:
        ValueError: Two methods share a name, or a method's ``test_on`` /
            ``load_from`` names no method of the suite, or a derived one.
    """
    cfg = Config.fromfile(path)
    suite = dict(
        methods=[dict(m) for m in cfg.methods],
        imb_factors=list(cfg.imb_factors),
        seeds=list(cfg.seeds),
        cfg_options=dict(cfg.get('cfg_options', {})),
        pending=list(cfg.get('pending', [])),
        records=cfg.get('records', None),
    )
    if quick:
        suite.update({k: v for k, v in cfg.get('quick', {}).items()})
    names = [m['name'] for m in suite['methods']]
    if len(set(names)) != len(names):
        raise ValueError(f'{path}: duplicate method names in `methods`.')
    trained = set()  # methods trained from scratch, in suite order
    for method in suite['methods']:
        if 'test_on' in method and 'load_from' in method:
            raise ValueError(f'{path}: method {method["name"]!r} has both '
                             '`test_on` and `load_from`.')
        parent = _parent(method)
        if parent is None:
            trained.add(method['name'])
        elif parent not in trained:
            raise ValueError(
                f'{path}: method {method["name"]!r}: {parent!r} is not a '
                'method trained from scratch listed before it.')
    return suite


def _parent(method: dict) -> Optional[str]:
    return method.get('test_on', method.get('load_from'))


def _slug(name: str) -> str:
    """A method name as a folder name that survives ``--cfg-options``."""
    return re.sub(r'[^A-Za-z0-9_.-]+', '_', name).strip('_')


def plan_runs(suite: dict,
              work_root: str,
              records: Optional[str] = None) -> List[dict]:
    """One entry per (method, IF, seed), with its work dir and options.

    A method with ``test_on='M'`` is evaluated (``tools/test.py``) on the
    final checkpoint of method M's run of the same IF and seed; one with
    ``load_from='M'`` trains from it (e.g. a later stage alone).

    Args:
        suite (dict): A suite from :func:`load_suite`.
        work_root (str): Run ``(m, i, s)`` trains in
            ``work_root/<m>/if<i>/seed<s>`` (``m`` as a folder name).
        records (str, optional): Its record is then
            ``records/<m>/if<i>/seed<s>.json`` (to be committed, so a suite
            can be finished in another sitting or clone); by default
            ``result.json`` in the work dir.

    Returns:
        list[dict]: ``method``, ``config``, ``imb_factor``, ``seed``,
        ``work_dir``, ``record``, ``mode`` ('train' or 'test'), ``parent``
        and ``parent_record`` (the parent run's work dir and record, or
        None) and ``cfg_options`` (the
        suite's, the method's, then the seed and the training set's
        imbalance factor) of every run.
    """

    def locate(name, imb, seed):
        """(work dir, record) of run (name, imb, seed)."""
        place = osp.join(_slug(name), f'if{imb}', f'seed{seed}')
        work_dir = osp.join(work_root, place)
        record = (
            osp.join(records, place +
                     '.json') if records else osp.join(work_dir, RESULT_FILE))
        return work_dir, record

    runs = []
    for method in suite['methods']:
        parent = _parent(method)
        for imb in suite['imb_factors']:
            for seed in suite['seeds']:
                work_dir, record = locate(method['name'], imb, seed)
                parent_dir, parent_record = (None, None) if parent is None \
                    else locate(parent, imb, seed)
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
                        record=record,
                        mode='test' if 'test_on' in method else 'train',
                        parent=parent_dir,
                        parent_record=parent_record,
                        cfg_options=options))
    return runs


@functools.lru_cache(maxsize=None)
def _imb_factor_key(config: str) -> str:
    """The ``--cfg-options`` key of the training set's ``imb_factor``,
    inside dataset wrappers (``CMODataset`` ...) where there are some: the
    innermost dataset config that sets one (a ``SemiSupervisedSplit`` of a
    balanced pool), else the innermost."""
    key = 'train_dataloader.dataset'
    dataset = Config.fromfile(config).train_dataloader.dataset
    found = key if 'imb_factor' in dataset else None
    while 'dataset' in dataset:
        key, dataset = key + '.dataset', dataset['dataset']
        found = key if 'imb_factor' in dataset else found
    return (found or key) + '.imb_factor'


def train_set_length(cfg: Config, imb_factor) -> int:
    """Images in ``cfg``'s training set at ``imb_factor`` (built once)."""
    data_cfg, _ = train_set_cfg(cfg)
    data_cfg = copy.deepcopy(data_cfg)
    data_cfg['imb_factor'] = imb_factor
    data_cfg['pipeline'] = []
    init_default_scope('mmpretrain')
    return len(DATASETS.build(data_cfg))


def final_checkpoint(work_dir: str) -> str:
    """The checkpoint a finished run in ``work_dir`` saved last."""
    pointer = osp.join(work_dir, 'last_checkpoint')
    if not osp.isfile(pointer):
        raise RuntimeError(
            f'{work_dir} has no final checkpoint (no last_checkpoint file); '
            'if its record exists from another sitting, delete the record '
            'to train it again.')
    with open(pointer) as f:
        return f.read().strip()


def run_one(run: dict, threads: int, device: Optional[str] = None) -> dict:
    """Train (or test) one run unless its record exists; return the record.

    Args:
        run (dict): A run of :func:`plan_runs`, optionally with
            ``per_class_json`` (where the run writes its per-class accuracy)
            and, to train, ``per_class_key`` (the option of the config's
            ``LTAccuracy`` that sets it).
        threads (int): ``OMP_NUM_THREADS`` of the run.
        device (str, optional): 'cpu', 'cuda' or 'cuda:N' (the run sees
            that GPU only); by default what mmengine finds.
    """
    if osp.isfile(run['record']):
        with open(run['record']) as f:
            return dict(json.load(f), skipped=True)
    os.makedirs(run['work_dir'], exist_ok=True)
    options = dict(run['cfg_options'])
    if run['mode'] == 'test':
        cmd = [
            osp.join(REPO, 'tools', 'test.py'), run['config'],
            final_checkpoint(run['parent'])
        ]
        if run.get('per_class_json'):
            cmd += ['--per-class-json', run['per_class_json']]
    else:
        cmd = [osp.join(REPO, 'tools', 'train.py'), run['config']]
        if run.get('per_class_json'):
            options[run['per_class_key']] = run['per_class_json']
        if run['parent'] is not None:
            options['load_from'] = final_checkpoint(run['parent'])
    cmd = [sys.executable] + cmd + ['--work-dir', run['work_dir']]
    cmd += ['--cfg-options'] + [f'{k}={v}' for k, v in options.items()]
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    if device == 'cpu':
        env['CUDA_VISIBLE_DEVICES'] = ''
    elif device is not None and device.startswith('cuda:'):
        env['CUDA_VISIBLE_DEVICES'] = device.split(':', 1)[1]
    start = time.perf_counter()
    with open(osp.join(run['work_dir'], 'suite.log'), 'w') as log:
        proc = subprocess.run(
            cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(
            f'{run["method"]} IF={run["imb_factor"]} seed={run["seed"]} '
            f'failed (exit {proc.returncode}); see '
            f'{osp.join(run["work_dir"], "suite.log")}')
    metrics = read_final_metrics(run['work_dir'])
    if metrics is None:
        raise RuntimeError(f'{run["work_dir"]}: the run logged no '
                           'evaluation; set train_cfg.val_interval.')
    record = {
        k: run[k]
        for k in ('method', 'config', 'imb_factor', 'seed', 'work_dir', 'mode')
    }
    record.update(
        metrics={
            k: v
            # 'lt/...', or per probe 'knn/lt/...' (FeatureProbeLoop)
            for k, v in metrics.items() if k.split('/')[-2:-1] == ['lt']
        },
        wall_s=round(wall, 2),
        device=device or 'auto')
    if run.get('per_class_json') and osp.isfile(run['per_class_json']):
        with open(run['per_class_json']) as f:
            record['per_class'] = json.load(f)
    search = osp.join(run['work_dir'], 'posthoc_search.json')
    if osp.isfile(search):  # PosthocSearchHook's choice and curve
        with open(search) as f:
            record['posthoc_search'] = json.load(f)
    os.makedirs(osp.dirname(osp.abspath(run['record'])), exist_ok=True)
    with open(run['record'], 'w') as f:
        json.dump(record, f, indent=1)
    return record
