"""Run a benchmark suite: configs x imbalance factors x seeds, one JSON.

A suite file is a Python file with:

- ``methods``: list of ``dict(name=..., config=..., cfg_options={...})``;
  ``test_on='M'`` evaluates the config on the final checkpoint of method
  M's run (same IF and seed) instead of training (post-hoc methods on the
  CE model); ``load_from='M'`` trains from that checkpoint (a later stage
  alone, e.g. cRT's classifier stage on the CE model);
- ``imb_factors``, ``seeds``: the matrix;
- ``cfg_options`` (optional): options applied to every run;
- ``records`` (optional): the folder of per-run records (one JSON each,
  committed to git), overridden by ``--records``. A run on another
  method's checkpoint needs that run's work dir: it follows its parent in
  the same sitting, even past ``--stop-after``;
- ``quick`` (optional): overrides for ``--quick`` (e.g. one seed, one IF);
- ``pending`` (optional): method names not yet implemented, reported as
  pending.

Every run trains in ``WORK_ROOT/<method>/if<IF>/seed<seed>`` through
``tools/train.py`` (or ``tools/test.py``) and writes its record: the final
``lt/*`` metrics, wall time and device. A run whose record exists is not run
again, so a suite stopped (``--stop-after``), killed or moved to another
clone resumes where it stopped. All records are collected into one JSON that
``tools/benchmark/report.py`` turns into tables and plots.

Example:
    python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt.py \
        --jobs 2 --stop-after 120 --out docs/benchmark/mnist5k_lt.json
"""
import argparse
import datetime
import functools
import json
import os
import os.path as osp
import platform
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Optional

import numpy as np
from mmengine.config import Config

from mmlt.benchmark.suite import load_suite, plan_runs, run_one

REPO = osp.abspath(osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))


@functools.lru_cache(maxsize=None)
def _per_class_key(config: str):
    """The ``--cfg-options`` key of the config's LTAccuracy
    ``per_class_json``, or None without one (each config parsed once)."""
    evaluators = Config.fromfile(config).val_evaluator
    evaluators = evaluators if isinstance(evaluators, list) else [evaluators]
    for i, metric in enumerate(evaluators):
        if metric['type'] == 'LTAccuracy':
            return (f'val_evaluator.{i}.per_class_json'
                    if len(evaluators) > 1 else 'val_evaluator.per_class_json')
    return None


def _git_commit() -> str:
    try:
        return subprocess.run(['git', 'rev-parse', '--short', 'HEAD'],
                              cwd=REPO,
                              capture_output=True,
                              text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def machine_info() -> dict:
    import torch
    return dict(
        platform=platform.platform(),
        processor=platform.machine(),
        cpu_count=os.cpu_count(),
        python=platform.python_version(),
        torch=torch.__version__,
        cuda=torch.cuda.get_device_name(0)
        if torch.cuda.is_available() else None)


def run_suite(suite_path: str,
              work_root: str,
              jobs: int = 1,
              quick: bool = False,
              records: Optional[str] = None,
              device: Optional[str] = None,
              stop_after: Optional[float] = None) -> dict:
    suite = load_suite(suite_path, quick)
    records = records or suite['records']
    runs = plan_runs(suite, work_root, records)
    # configs are read here, not in the worker threads: mmengine's config
    # loader (pkg_resources) is not thread-safe
    for run in runs:
        key = _per_class_key(run['config'])
        if key is not None:
            run['per_class_key'] = key
            run['per_class_json'] = osp.join(run['work_dir'], 'per_class.json')
    threads = max(1, (os.cpu_count() or 1) // jobs)
    start = time.perf_counter()
    todo = sum(not osp.isfile(run['record']) for run in runs)
    results, failed, walls = [], [], []

    futures = {}

    def attempt(run):
        if osp.isfile(run['record']):
            return run_one(run, threads, device)
        if run['parent'] is None:
            if (stop_after is not None
                    and time.perf_counter() - start > stop_after * 60):
                return None  # left for the next sitting
        else:
            # submitted before: wait for it; the runs on its checkpoint run
            # even past --stop-after (they are short, and its work dir may
            # not outlive this sitting)
            futures[run['parent']].result()
            if not osp.isfile(run['parent_record']):
                return None  # left with its parent
        return run_one(run, threads, device)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for run in runs:  # parents before the runs on their checkpoints
            futures[run['work_dir']] = pool.submit(attempt, run)
        for done, future in enumerate(as_completed(futures.values()), 1):
            try:
                record = future.result()
            except RuntimeError as error:  # report, keep the others
                failed.append(str(error))
                print(f'[{done}/{len(runs)}] FAILED: {error}', flush=True)
                continue
            if record is None:
                continue
            results.append(record)
            elapsed = time.perf_counter() - start
            if record.get('skipped'):
                status = 'recorded before'
            else:
                walls.append(record['wall_s'])
                status = f'{record["wall_s"]:.0f}s'
            left = todo - len(walls) - len(failed)
            eta = (f', eta {np.mean(walls) * left / jobs / 60:.0f} min'
                   if walls else '')
            name, acc = next((k, v) for k, v in record['metrics'].items()
                             if k.endswith('lt/balanced_acc'))
            print(
                f'[{done}/{len(runs)}] {record["method"]} '
                f'IF={record["imb_factor"]} seed={record["seed"]}: '
                f'{name} {acc:.2f} '
                f'({status}; elapsed {elapsed / 60:.0f} min{eta})',
                flush=True)
    order = {
        (r['method'], r['imb_factor'], r['seed']): i
        for i, r in enumerate(runs)
    }
    results.sort(
        key=lambda r: order[(r['method'], r['imb_factor'], r['seed'])])
    for record in results:
        record.pop('skipped', None)
    return dict(
        meta=dict(
            suite=osp.relpath(osp.abspath(suite_path), REPO),
            quick=quick,
            date=datetime.date.today().isoformat(),
            commit=_git_commit(),
            machine=machine_info(),
            device=device or 'auto',
            jobs=jobs,
            suite_wall_s=round(time.perf_counter() - start, 1),
            run_wall_s_sum=round(sum(r['wall_s'] for r in results), 1),
            missing=len(runs) - len(results)),
        methods=[m['name'] for m in suite['methods']],
        pending=suite['pending'],
        runs=results,
        failed=failed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        'suite', help='suite file, e.g. '
        'configs/benchmark/mnist5k_lt.py')
    parser.add_argument(
        '--work-root',
        default=None,
        help='defaults to work_dirs/benchmark/<suite name>')
    parser.add_argument('--out', default=None, help='results JSON path')
    parser.add_argument(
        '--jobs',
        type=int,
        default=1,
        help='runs in parallel (threads split among them)')
    parser.add_argument(
        '--quick', action='store_true', help="the suite's quick variant")
    parser.add_argument(
        '--records',
        default=None,
        help="folder of per-run records (default: the suite's `records`, "
        'else result.json in each work dir)')
    parser.add_argument(
        '--device',
        default=None,
        help="'cpu', 'cuda' or 'cuda:N' (default: a GPU when there is one)")
    parser.add_argument(
        '--stop-after',
        type=float,
        default=None,
        help='start no run after this many minutes (finish the suite in '
        'another sitting)')
    args = parser.parse_args()
    name = osp.splitext(osp.basename(
        args.suite))[0] + ('_quick' if args.quick else '')
    work_root = args.work_root or osp.join('work_dirs', 'benchmark', name)
    out = args.out or osp.join(work_root, 'results.json')
    results = run_suite(args.suite, work_root, args.jobs, args.quick,
                        args.records, args.device, args.stop_after)
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    with open(out, 'w') as f:
        json.dump(results, f, indent=1)
    print(f'Wrote {out} ({len(results["runs"])} runs recorded, '
          f'{results["meta"]["missing"]} to go; this sitting '
          f'{results["meta"]["suite_wall_s"] / 60:.0f} min)')
    if results['failed']:
        sys.exit(f'{len(results["failed"])} run(s) failed:\n' +
                 '\n'.join(results['failed']))


if __name__ == '__main__':
    main()
