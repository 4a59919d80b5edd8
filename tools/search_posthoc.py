"""Grid-search a post-hoc adjustment parameter on a validation split.

The config's ``model.head.posthoc`` names the adjuster
(``AdditiveLogitAdjust`` / ``TauNormalize``: ``tau``;
``MultiplicativeLogitAdjust``: ``gamma``). Features of the config's
``search_dataloader`` (a validation split carved from the training data,
never the test set) are extracted once from the checkpoint; every grid
value is scored by balanced accuracy, and the best is written into a test
config that inherits the given one.

Example:
    python tools/search_posthoc.py \
        configs/logit_adjustment/la-posthoc_r8_mnist5k-lt-if100.py \
        work_dirs/la-posthoc/epoch_30.pth --grid 0 2 0.1 \
        --out work_dirs/la-posthoc/la-posthoc_searched.py
"""
import argparse
import os.path as osp
import sys

import numpy as np
from mmengine.config import Config, DictAction

sys.path.insert(0, osp.join(osp.dirname(osp.abspath(__file__)), '..'))
from mmlt.utils import extract_features  # noqa: E402
from mmlt.utils.cli import runner_for_checkpoint  # noqa: E402
from mmlt.utils.posthoc_search import (POSTHOC_PARAMS,  # noqa: E402
                                       grid_search_posthoc)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--grid', nargs=3, type=float, default=(0, 2, 0.1),
                        metavar=('START', 'STOP', 'STEP'),
                        help='inclusive grid; default 0 2 0.1')
    parser.add_argument('--out', help='test config to write')
    parser.add_argument('--work-dir', default='work_dirs/search_posthoc')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    posthoc = cfg.model.head.get('posthoc')
    if not posthoc or posthoc['type'] not in POSTHOC_PARAMS:
        sys.exit(f'{args.config}: model.head.posthoc must be one of '
                 f'{sorted(POSTHOC_PARAMS)}.')
    if cfg.get('search_dataloader') is None:
        sys.exit(f'{args.config}: no `search_dataloader` (a validation split '
                 'of the training data); the test set is never searched.')
    param = POSTHOC_PARAMS[posthoc['type']]
    cfg.test_dataloader = cfg.search_dataloader
    runner = runner_for_checkpoint(cfg, args.checkpoint, args.work_dir)
    feats, labels = extract_features(runner.model, runner.test_dataloader)
    start, stop, step = args.grid
    grid = np.round(np.arange(start, stop + step / 2, step), 6)
    best, scores = grid_search_posthoc(runner.model.head, feats, labels,
                                       posthoc, grid)
    print(f'{posthoc["type"]}.{param} on {len(labels)} validation images '
          '(balanced accuracy, %):')
    for value, score in zip(grid, scores):
        print(f'  {param}={value:g}: {score:.2f}{"  <- best" if value == best else ""}')
    if args.out:
        base = osp.relpath(osp.abspath(args.config),
                           osp.dirname(osp.abspath(args.out)))
        lines = [
            f'# {param} of {posthoc["type"]} searched by tools/'
            f'search_posthoc.py on the validation split ({len(labels)} '
            'images)', f'# checkpoint: {args.checkpoint}',
            f'# grid {start:g}..{stop:g} step {step:g}; balanced accuracy: '
            + ', '.join(f'{v:g}:{s:.1f}' for v, s in zip(grid, scores)),
            f"_base_ = ['{base}']",
            f'model = dict(head=dict(posthoc=dict({param}={best!r})))', ''
        ]
        with open(args.out, 'w') as f:
            f.write('\n'.join(lines))
        print(f'Wrote {args.out}')


if __name__ == '__main__':
    main()
