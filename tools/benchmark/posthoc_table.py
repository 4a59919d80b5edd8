"""Every trained run of a suite under no / additive / multiplicative post-hoc
logit adjustment, with Fisher's discriminant ratio of its features.

This is the layout of Table 5 of "Exploring Weight Balancing on Long-Tailed
Recognition Problem" (rows: training methods; columns: N/A, Add LA, Mult
LA). For every run that ``run_suite.py`` trained, the last checkpoint is
loaded once; tau (additive) and gamma (multiplicative) are searched on the
config's ``search_dataloader`` (a validation split, never the test set) by
the search of :class:`~mmlt.engine.PosthocSearchHook` (each adjuster's own
grid, refined), and the chosen value is scored on the test set. FDR is
computed on the training set (test pipeline) and on the test set. The
last column is the unadjusted balanced accuracy on the validation split,
the score that chooses between a method's weight-decay variants.

Example:
    python tools/benchmark/run_suite.py \
        configs/benchmark/mnist5k_lt_table5.py --work-root work_dirs/table5 \
        --jobs 2
    python tools/benchmark/posthoc_table.py \
        configs/benchmark/mnist5k_lt_table5.py --work-root work_dirs/table5 \
        --out docs/benchmark/mnist5k_lt_table5.json
"""
import argparse
import json
import os.path as osp
import sys

import numpy as np
import torch
from mmengine.config import Config
from mmpretrain.registry import MODELS

from mmlt.benchmark.suite import load_suite, plan_runs
from mmlt.engine.hooks.utils import unaugmented_train_loader
from mmlt.evaluation import LTAccuracy, fisher_discriminant_ratio
from mmlt.models.heads.posthoc import at_value
from mmlt.utils import extract_features
from mmlt.utils.cli import merge_cfg_options, runner_for_checkpoint
from mmlt.utils.posthoc_search import search_posthoc

COLUMNS = {
    'N/A': None,
    'Add LA': 'AdditiveLogitAdjust',
    'Mult LA': 'MultiplicativeLogitAdjust'
}
REPORTED = ('balanced_acc', 'many', 'medium', 'few')


@torch.no_grad()
def evaluate_run(run: dict) -> dict:
    """Columns and FDR of one trained run."""
    with open(osp.join(run['work_dir'], 'last_checkpoint')) as f:
        checkpoint = f.read().strip()
    cfg = Config.fromfile(run['config'])
    merge_cfg_options(cfg, run['cfg_options'])
    if cfg.get('search_dataloader') is None:
        raise ValueError(f'{run["config"]}: no `search_dataloader` to '
                         'search tau / gamma on.')
    cfg.model.head.posthoc = None
    runner = runner_for_checkpoint(cfg, checkpoint,
                                   osp.join(run['work_dir'], 'posthoc'))
    model, head = runner.model, runner.model.head
    counts = head.class_counts.numpy()
    val_feats, val_labels = extract_features(
        model, runner.build_dataloader(cfg.search_dataloader))
    test_feats, test_labels = extract_features(model, runner.test_dataloader)
    train_feats, train_labels = extract_features(
        model, unaugmented_train_loader(runner))
    columns = {}
    for column, adjuster in COLUMNS.items():
        logits, value = head.logits(test_feats), None
        if adjuster is not None:
            adjuster = MODELS.build(dict(type=adjuster))
            value = search_posthoc(head, val_feats, val_labels, adjuster).value
            if value is not None:
                logits = at_value(adjuster, value)(
                    head.posthoc_inputs(test_feats))
        metrics = LTAccuracy.calculate(logits.numpy(), test_labels, counts)
        columns[column] = dict({k: metrics[k] for k in REPORTED}, value=value)
    val = LTAccuracy.calculate(
        head.logits(val_feats).numpy(), val_labels, counts)['balanced_acc']
    return dict({k: run[k]
                 for k in ('method', 'imb_factor', 'seed')},
                columns=columns,
                val_balanced_acc=val,
                fdr=dict(
                    train=fisher_discriminant_ratio(train_feats.numpy(),
                                                    train_labels),
                    test=fisher_discriminant_ratio(test_feats.numpy(),
                                                   test_labels)))


def _mean_std(values) -> str:
    return f'{np.mean(values):.1f} ± {np.std(values):.1f}'


def format_table(records: list) -> str:
    """Markdown: balanced accuracy per row x column (mean ± std over seeds),
    the searched values, and train / test FDR."""
    rows = {}
    for record in records:
        rows.setdefault((record['method'], record['imb_factor']),
                        []).append(record)
    lines = [
        '| method | IF | ' + ' | '.join(COLUMNS) +
        ' | tau (Add) | gamma (Mult) | FDR train | FDR test | val (N/A) |',
        '|---|---|' + '---|' * (len(COLUMNS) + 5)
    ]
    for (method, imb), group in rows.items():
        cells = [
            _mean_std([r['columns'][c]['balanced_acc'] for r in group])
            for c in COLUMNS
        ]
        for column in ('Add LA', 'Mult LA'):
            values = [r['columns'][column]['value'] for r in group]
            cells.append(', '.join('none' if v is None else f'{v:g}'
                                   for v in values))
        for split in ('train', 'test'):
            cells.append(_mean_std([r['fdr'][split] for r in group]))
        cells.append(_mean_std([r['val_balanced_acc'] for r in group]))
        lines.append(f'| {method} | {imb} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('suite')
    parser.add_argument(
        '--work-root',
        required=True,
        help='the --work-root the suite was trained in')
    parser.add_argument('--out', help='JSON with every run and column')
    args = parser.parse_args()
    runs = plan_runs(load_suite(args.suite), args.work_root)
    missing = [
        r['work_dir'] for r in runs
        if not osp.isfile(osp.join(r['work_dir'], 'last_checkpoint'))
    ]
    if missing:
        sys.exit('Not trained yet (run run_suite.py first): ' +
                 ', '.join(missing))
    records = []
    for i, run in enumerate(runs, 1):
        records.append(evaluate_run(run))
        print(
            f'[{i}/{len(runs)}] {run["method"]} seed {run["seed"]}: ' +
            ', '.join(f'{c} {v["balanced_acc"]:.2f}'
                      for c, v in records[-1]['columns'].items()),
            flush=True)
    table = format_table(records)
    print(table)
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(
                dict(suite=args.suite, records=records, table=table),
                f,
                indent=1)
        print(f'Wrote {args.out}')


if __name__ == '__main__':
    main()
