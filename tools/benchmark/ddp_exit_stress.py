"""Launch short 2-process CPU trainings back to back and count clean exits.

A distributed run that finished its work must exit 0 on every rank. This
stress check (not a CI test: it takes about 20 s a launch on 2 cores)
runs ``tools/dist_train.sh`` ``--runs`` times for each config, one epoch
each, and prints every launch's exit code and the tally. A launch that
exits non-zero keeps its log in ``WORK_ROOT`` and the last lines are
printed.

Example:
    python tools/benchmark/ddp_exit_stress.py --runs 20 \
        configs/baseline/ce_r8_mnist5k-lt-if100.py \
        configs/cmo/bs_cmo_r8_mnist5k-lt-if100.py
"""
import argparse
import os
import os.path as osp
import subprocess
import sys
import tempfile
import time

REPO = osp.abspath(osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))


def launch(config: str, work_dir: str, nproc: int) -> tuple:
    """One ``dist_train.sh`` launch of ``config``: (exit code, seconds, log
    path)."""
    log_path = osp.join(work_dir, 'launch.log')
    cmd = [
        'bash',
        osp.join(REPO, 'tools', 'dist_train.sh'), config,
        str(nproc), '--work-dir', work_dir, '--cfg-options',
        'train_cfg.max_epochs=1', 'train_cfg.val_interval=1'
    ]
    env = dict(os.environ, PYTHON=os.environ.get('PYTHON', sys.executable))
    os.makedirs(work_dir, exist_ok=True)
    start = time.perf_counter()
    with open(log_path, 'w') as log:
        code = subprocess.call(
            cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    return code, time.perf_counter() - start, log_path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('configs', nargs='+')
    parser.add_argument('--runs', type=int, default=20)
    parser.add_argument('--nproc', type=int, default=2)
    parser.add_argument('--work-root', help='default: a temporary folder')
    args = parser.parse_args()
    work_root = args.work_root or tempfile.mkdtemp(prefix='ddp_exit_')
    failures = 0
    for config in args.configs:
        name = osp.splitext(osp.basename(config))[0]
        codes = []
        for i in range(args.runs):
            code, seconds, log_path = launch(
                config, osp.join(work_root, name, f'run{i}'), args.nproc)
            codes.append(code)
            print(
                f'{name} run {i + 1}/{args.runs}: exit {code} '
                f'({seconds:.0f} s)',
                flush=True)
            if code != 0:
                with open(log_path) as f:
                    print(''.join(f.readlines()[-15:]))
        clean = codes.count(0)
        failures += len(codes) - clean
        print(f'{name}: {clean}/{len(codes)} launches exited 0', flush=True)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
