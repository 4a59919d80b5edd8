"""Turn a run_suite.py results JSON into Markdown tables and PNG plots.

Tables give mean +- standard deviation over seeds for each method and
imbalance factor, the best mean per column in bold (lowest for ECE and wall
time), and the paired difference in balanced accuracy to each reference
method (CE, BS: the same seeds) with its 95% t interval, starred where the
interval excludes 0. Plots: balanced accuracy per method with error bars,
and per-class accuracy against training count for chosen methods.

Example:
    python tools/benchmark/report.py work_dirs/benchmark/mnist5k_lt.json \
        --plots-dir docs/benchmark --readme README.md
"""
import argparse
import json
import os
import os.path as osp
from collections import defaultdict

import numpy as np
from scipy import stats

from mmlt.utils import plot_per_class_vs_count

COLUMNS = (('lt/balanced_acc', 'balanced acc', max), ('lt/top1', 'top-1', max),
           ('lt/many', 'many', max), ('lt/medium', 'medium', max),
           ('lt/few', 'few', max), ('lt/gm', 'GM', max),
           ('lt/ece', 'ECE', min), ('wall_s', 'wall (s)', min))
README_START = '<!-- benchmark:start -->'
README_END = '<!-- benchmark:end -->'


def aggregate(results: dict) -> dict:
    """``{IF: {method: {key: (mean, std, n)}}}`` over seeds; NaN ignored."""
    values = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for run in results['runs']:
        cell = values[run['imb_factor']][run['method']]
        for key, _, _ in COLUMNS:
            value = run['wall_s'] if key == 'wall_s' else run['metrics'].get(
                key)
            if value is not None and not np.isnan(value):
                cell[key].append(float(value))
    table = {}
    for imb, methods in values.items():
        table[imb] = {
            method: {
                key: (float(np.mean(v)), float(np.std(v)), len(v))
                for key, v in cell.items()
            }
            for method, cell in methods.items()
        }
    return table


def paired_difference(results: dict,
                      imb,
                      method: str,
                      reference: str,
                      key: str = 'lt/balanced_acc'):
    """``(mean, low, high, n)`` of ``method - reference`` over the seeds
    both ran at ``imb`` (95% t interval), or None under 2 shared seeds."""

    def by_seed(name):
        return {
            r['seed']: r['metrics'][key]
            for r in results['runs']
            if r['method'] == name and r['imb_factor'] == imb
        }

    ours, theirs = by_seed(method), by_seed(reference)
    seeds = sorted(set(ours) & set(theirs))
    if len(seeds) < 2:
        return None
    diffs = np.array([ours[s] - theirs[s] for s in seeds])
    mean = float(diffs.mean())
    half = float(
        stats.t.ppf(0.975,
                    len(diffs) - 1) * diffs.std(ddof=1) / np.sqrt(len(diffs)))
    return mean, mean - half, mean + half, len(diffs)


def _difference_cell(diff) -> str:
    if diff is None:
        return 'n/a'
    mean, low, high, _ = diff
    star = '*' if low > 0 or high < 0 else ''
    return f'{mean:+.1f} [{low:+.1f}, {high:+.1f}]{star}'


def markdown(results: dict, references=('CE', 'BS')) -> str:
    """One table per imbalance factor, methods in suite order."""
    table = aggregate(results)
    references = [m for m in references if m in results['methods']]
    out = []
    for imb in sorted(table):
        rows = table[imb]
        best = {}
        for key, _, pick in COLUMNS:
            means = [r[key][0] for r in rows.values() if key in r]
            if means:
                best[key] = pick(means)
        seeds = max(r['lt/balanced_acc'][2] for r in rows.values())
        out.append(f'**IF = {imb}** ({seeds} seed{"s" * (seeds > 1)}, '
                   'mean ± std; Δ: paired difference in balanced accuracy, '
                   '[95% interval], * where it excludes 0)\n')
        heads = [c[1] for c in COLUMNS[:1]]
        heads += [f'Δ {ref}' for ref in references]
        heads += [c[1] for c in COLUMNS[1:]]
        out.append('| method | ' + ' | '.join(heads) + ' |')
        out.append('|---' * (len(heads) + 1) + '|')
        for method in results['methods']:
            if method not in rows:
                continue
            cells = []
            for key, _, _ in COLUMNS:
                if key not in rows[method]:
                    cells.append('n/a')
                    continue
                mean, std, _ = rows[method][key]
                text = f'{mean:.1f} ± {std:.1f}' if key != 'wall_s' else (
                    f'{mean:.0f}')
                cells.append(
                    f'**{text}**' if np.isclose(mean, best[key]) else text)
            cells[1:1] = [
                '' if ref == method else _difference_cell(
                    paired_difference(results, imb, method, ref))
                for ref in references
            ]
            out.append(f'| {method} | ' + ' | '.join(cells) + ' |')
        for method in results.get('pending', []):
            out.append(f'| {method} | pending' + ' |' * (len(heads) - 1))
        out.append('')
    return '\n'.join(out)


def posthoc_choices(results: dict) -> str:
    """The parameters PosthocSearchHook chose, per method and IF: mean,
    spread and every seed's value ('none': no adjustment)."""
    chosen = defaultdict(list)
    for run in results['runs']:
        search = run.get('posthoc_search')
        if search is not None:
            chosen[(run['method'], run['imb_factor'],
                    f'{search["type"]}.{search["param"]}')].append(
                        search['value'])
    if not chosen:
        return ''
    out = [
        'Post-hoc parameters chosen on the validation split '
        '(PosthocSearchHook, balanced accuracy):\n',
        '| method | IF | parameter | mean ± std | per seed |',
        '|---|---|---|---|---|'
    ]
    for (method, imb, param), values in chosen.items():
        numbers = [v for v in values if v is not None]
        spread = (f'{np.mean(numbers):.2f} ± {np.std(numbers):.2f}'
                  if numbers else 'n/a')
        seeds = ', '.join('none' if v is None else f'{v:g}' for v in values)
        out.append(f'| {method} | {imb} | {param} | {spread} | {seeds} |')
    return '\n'.join(out) + '\n'


def plot_balanced(results: dict, path: str) -> None:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    table = aggregate(results)
    imbs = sorted(table)
    methods = [
        m for m in results['methods'] if any(m in table[i] for i in imbs)
    ]
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(methods) + 2), 4))
    width = 0.8 / len(imbs)
    x = np.arange(len(methods))
    for j, imb in enumerate(imbs):
        stats = [
            table[imb].get(m, {}).get('lt/balanced_acc', (np.nan, 0, 0))
            for m in methods
        ]
        ax.bar(
            x + j * width, [s[0] for s in stats],
            width,
            yerr=[s[1] for s in stats],
            capsize=3,
            label=f'IF={imb}')
    ax.set_xticks(x + width * (len(imbs) - 1) / 2)
    ax.set_xticklabels(methods, rotation=45, ha='right')
    ax.set(ylabel='balanced accuracy (%)', ylim=(0, 100))
    ax.legend()
    fig.savefig(path, dpi=100, bbox_inches='tight')
    plt.close(fig)


def per_class_series(results: dict, methods, imb) -> dict:
    """``{method: (train counts, mean accuracy per class)}`` at one IF."""
    series = {}
    for method in methods:
        accs, counts = [], None
        for run in results['runs']:
            if (run['method'] != method or run['imb_factor'] != imb
                    or 'per_class' not in run):
                continue
            rows = run['per_class']
            counts = [r['train_count'] for r in rows]
            accs.append([
                np.nan if r['accuracy'] is None else r['accuracy']
                for r in rows
            ])
        if accs:
            series[method] = (counts, np.nanmean(accs, axis=0).tolist())
    return series


def update_readme(readme: str, text: str) -> None:
    with open(readme) as f:
        content = f.read()
    if README_START not in content or README_END not in content:
        raise ValueError(f'{readme} has no {README_START} ... {README_END} '
                         'block to replace.')
    head, rest = content.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    with open(readme, 'w') as f:
        f.write(f'{head}{README_START}\n{text}\n{README_END}{tail}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('results')
    parser.add_argument(
        '--plots-dir', default=None, help='write PNG plots here')
    parser.add_argument(
        '--per-class-methods',
        nargs='*',
        default=None,
        help='methods for the per-class plot (default: '
        'the first two)')
    parser.add_argument('--out', default=None, help='write the Markdown')
    parser.add_argument(
        '--readme',
        default=None,
        help='replace the benchmark block of this README')
    args = parser.parse_args()
    results = json.load(open(args.results))
    meta = results['meta']
    machine = meta['machine']
    run_minutes = sum(r['wall_s'] for r in results['runs']) / 60
    device = machine['cuda'] or f'{machine["cpu_count"]} CPU cores'
    missing = meta.get('missing', 0)
    header = (f'Generated {meta["date"]} at commit `{meta["commit"]}` from '
              f'`{meta["suite"]}`{" (quick)" if meta["quick"] else ""} on '
              f'{device} ({machine["platform"]}, torch {machine["torch"]}); '
              f'the {len(results["runs"])} runs took {run_minutes:.0f} min '
              f'of run time in all, run {meta["jobs"]} at a time'
              f'{f"; {missing} runs still to go" if missing else ""}.\n')
    text = header + '\n' + markdown(results) + '\n' + posthoc_choices(results)
    if args.plots_dir:
        os.makedirs(args.plots_dir, exist_ok=True)
        bal = osp.join(args.plots_dir, 'balanced_acc.png')
        plot_balanced(results, bal)
        imb = max(r['imb_factor'] for r in results['runs'])
        chosen = args.per_class_methods or results['methods'][:2]
        per_class = osp.join(args.plots_dir, f'per_class_if{imb}.png')
        plot_per_class_vs_count(
            per_class_series(results, chosen, imb), per_class)
        rel = osp.dirname(osp.abspath(args.readme)) if args.readme else '.'
        text += (f'\n![balanced accuracy]({osp.relpath(bal, rel)})\n'
                 f'![per-class accuracy, IF={imb}]'
                 f'({osp.relpath(per_class, rel)})\n')
    print(text)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text)
    if args.readme:
        update_readme(args.readme, text)


if __name__ == '__main__':
    main()
