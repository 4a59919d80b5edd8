"""Choose the benchmark's training budget from CE's validation curve.

Trains a single-stage config at several budgets, stated in iterations, at
each imbalance factor and seed (``max_epochs`` = budget / epoch length of
that training set, the cosine ending with it), evaluates every run on the
validation split (``search_dataloader``, carved from the training pool; never
the test set) and writes the curve (JSON, PNG) and the rule's choice: the
smallest budget past which twice the budget gains less than ``--gain``
balanced-accuracy points (seed means), at every imbalance factor. Budgets
run from the shortest; an imbalance factor stops at its first doubling that
gains less.

Runs live in ``WORK_ROOT/if<IF>/it<budget>/seed<seed>``; a finished one is
not re-run.

Example:
    python tools/benchmark/budget_curve.py \
        configs/baseline/ce_r8_mnist5k-lt-if100.py \
        --iters 750 1500 3000 6000 --jobs 2 --out docs/benchmark/budget
"""
import argparse
import json
import math
import os
import os.path as osp
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from mmengine.config import Config

from mmlt.benchmark.suite import run_one, train_set_length
from mmlt.datasets import train_set_cfg


def plan(config: str, iters, imb_factors, seeds, work_root: str):
    cfg = Config.fromfile(config)
    cfg.val_dataloader = cfg.search_dataloader  # the validation split
    batch = cfg.train_dataloader.batch_size
    imb_key = train_set_cfg(cfg)[1] + '.imb_factor'
    cosine = [
        i for i, s in enumerate(cfg.param_scheduler)
        if s['type'] == 'CosineAnnealingLR'
    ]
    epoch_samples = cfg.train_dataloader.sampler.get('num_samples')
    lengths = {
        imb: math.ceil((epoch_samples or train_set_length(cfg, imb)) / batch)
        for imb in imb_factors
    }
    runs = []  # shortest budgets first: the curve fills in from the left
    for budget in sorted(iters):
        for imb, length in lengths.items():
            epochs = max(1, round(budget / length))
            for seed in seeds:
                work_dir = osp.join(work_root, f'if{imb}', f'it{budget}',
                                    f'seed{seed}')
                options = {
                    imb_key: imb,
                    'randomness.seed': seed,
                    'train_cfg.max_epochs': epochs,
                    'train_cfg.val_interval': epochs,
                    'val_dataloader.dataset.split': 'val',
                    'default_hooks.checkpoint.interval': 10**6,
                }
                options.update(
                    {f'param_scheduler.{i}.end': epochs
                     for i in cosine})
                runs.append(
                    dict(
                        method='CE',
                        config=config,
                        imb_factor=imb,
                        seed=seed,
                        budget_iters=budget,
                        epochs=epochs,
                        iters=epochs * length,
                        work_dir=work_dir,
                        record=osp.join(work_dir, 'result.json'),
                        mode='train',
                        parent=None,
                        cfg_options=options))
    return runs


def mean_curve(runs, records, imb):
    """``{budget: (mean, std, n)}`` of the finished runs at ``imb``."""
    values = {}
    for run in runs:
        if run['imb_factor'] == imb and run['work_dir'] in records:
            values.setdefault(run['budget_iters'], []).append(
                records[run['work_dir']]['metrics']['lt/balanced_acc'])
    return {
        b: (float(np.mean(v)), float(np.std(v)), len(v))
        for b, v in values.items()
    }


def choose(curve: dict, gain: float):
    """The smallest budget whose double gains < ``gain`` at every IF where
    both were run (an IF stops at its own such budget)."""
    need = []
    for points in curve.values():
        budgets = sorted(points)
        found = [
            b for b in budgets
            if 2 * b in points and points[2 * b][0] - points[b][0] < gain
        ]
        if not found:
            return None
        need.append(found[0])
    return max(need)


def plot(curve: dict, budget, path: str):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for imb, points in sorted(curve.items()):
        xs = sorted(points)
        ax.errorbar(
            xs, [points[x][0] for x in xs],
            yerr=[points[x][1] for x in xs],
            marker='o',
            capsize=3,
            label=f'IF={imb}')
    if budget is not None:
        ax.axvline(budget, color='grey', ls='--', label=f'budget {budget}')
    ax.set_xscale('log', base=2)
    ax.set_xlabel('training iterations (batch 64)')
    ax.set_ylabel('validation balanced accuracy (%)')
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('--iters', type=int, nargs='+', required=True)
    parser.add_argument(
        '--imb-factors', type=int, nargs='+', default=[10, 100])
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--gain', type=float, default=0.5)
    parser.add_argument('--jobs', type=int, default=1)
    parser.add_argument('--work-root', default='work_dirs/budget_curve')
    parser.add_argument(
        '--out', required=True, help='output prefix (.json, .png added)')
    args = parser.parse_args()
    runs = plan(args.config, args.iters, args.imb_factors, args.seeds,
                args.work_root)
    threads = max(1, (os.cpu_count() or 1) // args.jobs)
    # budget by budget; an IF whose last doubling gained < gain is done
    records, open_ifs = {}, set(args.imb_factors)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for budget in sorted(args.iters):
            level = [
                r for r in runs
                if r['budget_iters'] == budget and r['imb_factor'] in open_ifs
            ]
            for run, record in zip(
                    level, pool.map(lambda r: run_one(r, threads), level)):
                records[run['work_dir']] = record
            for imb in list(open_ifs):
                points = mean_curve(runs, records, imb)
                if budget // 2 in points and (points[budget][0] -
                                              points[budget // 2][0]
                                              < args.gain):
                    open_ifs.discard(imb)
    runs = [r for r in runs if r['work_dir'] in records]
    curve = {imb: mean_curve(runs, records, imb) for imb in args.imb_factors}
    budget = choose(curve, args.gain)
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    with open(args.out + '.json', 'w') as f:
        json.dump(
            dict(
                config=args.config,
                gain=args.gain,
                budget_iters=budget,
                runs=[
                    dict(
                        imb_factor=r['imb_factor'],
                        seed=r['seed'],
                        budget_iters=r['budget_iters'],
                        epochs=r['epochs'],
                        iters=r['iters'],
                        val_balanced_acc=rec['metrics']['lt/balanced_acc'],
                        wall_s=rec['wall_s']) for r in runs
                    for rec in [records[r['work_dir']]]
                ]),
            f,
            indent=1)
    plot(curve, budget, args.out + '.png')
    text = markdown(args, runs, records, curve, budget)
    with open(args.out + '.md', 'w') as f:
        f.write(text)
    print(text)


def markdown(args, runs, records, curve, budget) -> str:
    """The curve as a table, the rule and its outcome."""
    minutes = sum(r['wall_s'] for r in records.values()) / 60
    lines = [
        f'CE validation balanced accuracy (%, {len(args.seeds)} seeds, mean '
        f'± std) against the training budget: `{args.config}`, validation '
        f'split (`search_dataloader`), {len(runs)} runs, {minutes:.0f} min '
        'of run time.', '', '| IF | iterations | epochs | val balanced acc '
        '| gain over half the budget |', '|---|---|---|---|---|'
    ]
    for imb, points in sorted(curve.items()):
        epochs = {
            r['budget_iters']: r['epochs']
            for r in runs if r['imb_factor'] == imb
        }
        for it, (mean, std, n) in sorted(points.items()):
            gain = (f'{mean - points[it // 2][0]:+.2f}' if it //
                    2 in points else '')
            lines.append(f'| {imb} | {it} | {epochs[it]} | {mean:.2f} ± '
                         f'{std:.2f} | {gain} |')
    outcome = (f'**{budget} iterations**'
               if budget else 'not reached in the budgets run')
    lines += [
        '', f'Rule: the smallest budget past which doubling it gains less '
        f'than {args.gain} points, at every imbalance factor (an IF stops '
        f'at its first such doubling). Budget: {outcome}.', '',
        f'![validation curve]({osp.basename(args.out)}.png)', '', 'Command:',
        '', '```bash', 'python tools/benchmark/budget_curve.py '
        f'{args.config} --iters {" ".join(map(str, args.iters))} '
        f'--imb-factors {" ".join(map(str, args.imb_factors))} --seeds '
        f'{" ".join(map(str, args.seeds))} --gain {args.gain} --jobs 2 '
        f'--out {args.out}', '```', ''
    ]
    return '\n'.join(lines)


if __name__ == '__main__':
    main()
