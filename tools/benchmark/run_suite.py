"""Run a benchmark suite: configs x imbalance factors x seeds, one JSON.

A suite file is a Python file with:

- ``methods``: list of ``dict(name=..., config=..., cfg_options={...})``;
- ``imb_factors``, ``seeds``: the matrix;
- ``cfg_options`` (optional): options applied to every run (the shared
  budget, e.g. ``train_cfg.max_epochs``);
- ``quick`` (optional): overrides for ``--quick`` (e.g. one seed, one IF);
- ``pending`` (optional): method names not yet implemented, reported as
  pending.

Every run trains in ``WORK_ROOT/<method>/if<IF>/seed<seed>`` through
``tools/train.py``; a run whose ``result.json`` exists is skipped, so an
interrupted suite resumes where it stopped. The final evaluation (the
``lt/*`` metrics) and the wall time of each run are collected into one JSON
that ``tools/benchmark/report.py`` turns into tables and plots.

Example:
    python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt.py \
        --jobs 2 --out work_dirs/benchmark/mnist5k_lt.json
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

from mmengine.config import Config

from mmlt.benchmark.suite import load_suite, plan_runs
from mmlt.utils import read_final_metrics

REPO = osp.abspath(osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))
RESULT_FILE = 'result.json'


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


def run_one(run: dict, threads: int) -> dict:
    """Train one run (unless already done) and return its result record."""
    result_path = osp.join(run['work_dir'], RESULT_FILE)
    if osp.isfile(result_path):
        with open(result_path) as f:
            return dict(json.load(f), skipped=True)
    os.makedirs(run['work_dir'], exist_ok=True)
    options = run['cfg_options']
    cmd = [
        sys.executable,
        osp.join(REPO, 'tools', 'train.py'), run['config'], '--work-dir',
        run['work_dir'], '--cfg-options'
    ]
    cmd += [f'{k}={v}' for k, v in options.items()]
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
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
        raise RuntimeError(f'{run["work_dir"]}: training logged no '
                           'evaluation; set train_cfg.val_interval.')
    record = {
        k: run[k]
        for k in ('method', 'config', 'imb_factor', 'seed', 'work_dir')
    }
    record.update(
        metrics={
            k: v
            for k, v in metrics.items() if k.startswith('lt/')
        },
        wall_s=round(wall, 2))
    with open(result_path, 'w') as f:
        json.dump(record, f, indent=1)
    return record


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
              quick: bool = False) -> dict:
    suite = load_suite(suite_path, quick)
    runs = plan_runs(suite, work_root)
    # configs are read here, not in the worker threads: mmengine's config
    # loader (pkg_resources) is not thread-safe
    for run in runs:
        key = _per_class_key(run['config'])
        if key is not None:
            run['cfg_options'][key] = osp.join(run['work_dir'],
                                               'per_class.json')
    threads = max(1, (os.cpu_count() or 1) // jobs)
    start = time.perf_counter()
    records, failed = [], []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_one, run, threads): run for run in runs}
        for done, future in enumerate(as_completed(futures), 1):
            try:
                record = future.result()
            except RuntimeError as error:  # report, keep the other runs
                failed.append(str(error))
                print(f'[{done}/{len(runs)}] FAILED: {error}', flush=True)
                continue
            records.append(record)
            elapsed = time.perf_counter() - start
            eta = elapsed / done * (len(runs) - done)
            status = 'skipped (done)' if record.get('skipped') else (
                f'{record["wall_s"]:.0f}s')
            print(
                f'[{done}/{len(runs)}] {record["method"]} '
                f'IF={record["imb_factor"]} seed={record["seed"]}: '
                f'balanced acc {record["metrics"]["lt/balanced_acc"]:.2f} '
                f'({status}; elapsed {elapsed:.0f}s, eta {eta:.0f}s)',
                flush=True)
    order = {
        (r['method'], r['imb_factor'], r['seed']): i
        for i, r in enumerate(runs)
    }
    records.sort(
        key=lambda r: order[(r['method'], r['imb_factor'], r['seed'])])
    for record in records:
        record.pop('skipped', None)
    return dict(
        meta=dict(
            suite=osp.relpath(osp.abspath(suite_path), REPO),
            quick=quick,
            date=datetime.date.today().isoformat(),
            commit=_git_commit(),
            machine=machine_info(),
            jobs=jobs,
            suite_wall_s=round(time.perf_counter() - start, 1)),
        methods=[m['name'] for m in suite['methods']],
        pending=suite['pending'],
        runs=records,
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
    args = parser.parse_args()
    name = osp.splitext(osp.basename(
        args.suite))[0] + ('_quick' if args.quick else '')
    work_root = args.work_root or osp.join('work_dirs', 'benchmark', name)
    out = args.out or osp.join(work_root, 'results.json')
    results = run_suite(args.suite, work_root, args.jobs, args.quick)
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    with open(out, 'w') as f:
        json.dump(results, f, indent=1)
    print(f'Wrote {out} ({len(results["runs"])} runs, '
          f'{results["meta"]["suite_wall_s"]:.0f}s)')
    if results['failed']:
        sys.exit(f'{len(results["failed"])} run(s) failed:\n' +
                 '\n'.join(results['failed']))


if __name__ == '__main__':
    main()
