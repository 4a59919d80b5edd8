"""Grid-search a post-hoc adjustment parameter on a validation split.

The search of :class:`~mmlt.engine.PosthocSearchHook`, which every shipped
post-hoc config runs at the end of training, for a checkpoint trained
elsewhere and to write the choice into a test config. The config's
``model.head.posthoc`` names the adjuster (``AdditiveLogitAdjust`` /
``TauNormalize``: ``tau``; ``MultiplicativeLogitAdjust``: ``gamma``;
``ThresholdMoving``: ``scale``). Features of the config's
``search_dataloader`` (a validation split carved from the training data,
never the test set) are extracted once from the checkpoint; the
adjuster's own grid (refined around its best value) or ``--grid`` is scored
by balanced accuracy, and the best is written into a test config that
inherits the given one: the whole adjuster dict (replacing the
base's; none when the unadjusted prediction wins), the config's hooks
without ``PosthocSearchHook`` (the value is fixed) and the other
``--cfg-options``, so the file is complete on its own. A ``--cfg-options``
that changes the adjuster's ``type`` starts it from the keys the options
give, not the old adjuster's.

Example:
    python tools/search_posthoc.py \
        configs/logit_adjustment/la-posthoc_r8_mnist5k-lt-if100.py \
        work_dirs/la-posthoc/epoch_200.pth --grid 0 2 0.1 \
        --out work_dirs/la-posthoc/la-posthoc_searched.py \
        --cfg-options model.head.posthoc.type=MultiplicativeLogitAdjust
"""
import argparse
import copy
import os.path as osp
import sys
from typing import Optional

import numpy as np
from mmengine.config import Config, DictAction
from mmpretrain.registry import MODELS

from mmlt.utils import extract_features
from mmlt.utils.cli import merge_cfg_options, runner_for_checkpoint
from mmlt.utils.posthoc_search import search_posthoc

POSTHOC_KEY = 'model.head.posthoc'


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument(
        '--grid',
        nargs=3,
        type=float,
        default=None,
        metavar=('START', 'STOP', 'STEP'),
        help="inclusive grid, searched as given; default: the adjuster's "
        'own grid, refined around its best value')
    parser.add_argument('--out', help='test config to write')
    parser.add_argument('--work-dir', default='work_dirs/search_posthoc')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    return parser.parse_args()


def resolve_posthoc(cfg: Config, base_type: Optional[str],
                    options: dict) -> Optional[dict]:
    """The adjuster to search: ``model.head.posthoc`` of ``cfg`` (options
    merged). When ``options`` changed its type from ``base_type``, only the
    keys they give are kept: the old adjuster's (e.g. ``tau``) would not fit
    the new one."""
    posthoc = cfg.model.head.get('posthoc')
    if not posthoc or posthoc.get('type') == base_type:
        return posthoc
    given = {
        key[len(POSTHOC_KEY) + 1:].split('.')[0]
        for key in options if key.startswith(POSTHOC_KEY + '.')
    }
    return {key: value for key, value in posthoc.items() if key in given}


def carried_options(cfg: Config, options: dict) -> dict:
    """``options`` other than the adjuster's as nested dicts of their values
    in ``cfg``, to write into a child config; an option inside a list (e.g.
    ``custom_hooks.1.begin``) carries the whole list, as a child config
    replaces lists."""
    carried = {}
    for key in options:
        if key == POSTHOC_KEY or key.startswith(POSTHOC_KEY + '.'):
            continue
        path, value = [], cfg
        for part in key.split('.'):
            if isinstance(value, (list, tuple)):
                break
            path.append(part)
            value = value[part]
        node = carried
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return carried


def main():
    args = parse_args()
    cfg = Config.fromfile(args.config)
    base_type = (cfg.model.head.get('posthoc') or {}).get('type')
    options = args.cfg_options or {}
    merge_cfg_options(cfg, options)
    posthoc = resolve_posthoc(cfg, base_type, options)
    try:
        adjuster = MODELS.build(posthoc) if posthoc else None
    except (KeyError, TypeError) as err:
        sys.exit(f'{args.config}: model.head.posthoc={posthoc}: {err}')
    if not hasattr(type(adjuster), 'param'):
        sys.exit(f'{args.config}: model.head.posthoc must be an adjuster '
                 'with a searchable parameter (AdditiveLogitAdjust, '
                 'MultiplicativeLogitAdjust, TauNormalize, ThresholdMoving).')
    if cfg.get('search_dataloader') is None:
        sys.exit(f'{args.config}: no `search_dataloader` (a validation split '
                 'of the training data); the test set is never searched.')
    cfg.model.head.posthoc = posthoc
    search_cfg = copy.deepcopy(cfg)
    search_cfg.test_dataloader = search_cfg.search_dataloader
    runner = runner_for_checkpoint(search_cfg, args.checkpoint, args.work_dir)
    feats, labels = extract_features(
        runner.model, runner.test_dataloader, progress=True)
    grid = None
    if args.grid is not None:
        start, stop, step = args.grid
        grid = np.round(np.arange(start, stop + step / 2, step), 6)
    result = search_posthoc(
        runner.model.head, feats, labels, adjuster, grid, refine=grid is None)
    param, best = result.param, result.value
    print(f'{posthoc["type"]}.{param} on {len(labels)} validation images '
          '(balanced accuracy, %):')
    for value, score in sorted(
            result.curve, key=lambda c: (c[0] is not None, c[0] or 0)):
        mark = '  <- best' if value == best else ''
        name = 'no adjustment' if value is None else f'{param}={value:g}'
        print(f'  {name}: {score:.2f}{mark}')
    if args.out:
        base = osp.relpath(
            osp.abspath(args.config), osp.dirname(osp.abspath(args.out)))
        body = carried_options(cfg, options)
        # the whole adjuster, replacing the base's (``_delete_`` only where
        # the base has one: mmengine keeps it in a dict it does not merge);
        # none when the unadjusted prediction won
        resolved = None
        if best is not None:
            resolved = dict(posthoc, **{param: best})
            if base_type is not None:
                resolved = dict(_delete_=True, **resolved)
        body.setdefault('model', {}).setdefault('head', {})['posthoc'] = \
            resolved
        # the value is fixed here: a PosthocSearchHook would search again
        hooks = cfg.get('custom_hooks', [])
        kept = [h for h in hooks if h['type'] != 'PosthocSearchHook']
        if len(kept) < len(hooks):
            body['custom_hooks'] = kept
        lines = [
            f'# {param} of {posthoc["type"]} searched by tools/'
            f'search_posthoc.py on the validation split ({len(labels)} '
            'images)', f'# checkpoint: {args.checkpoint}',
            '# balanced accuracy: ' +
            ', '.join(f'{"none" if v is None else f"{v:g}"}:{s:.1f}'
                      for v, s in result.curve),
            '# --cfg-options (carried below): ' +
            (' '.join(f'{k}={v!r}' for k, v in options.items()) or 'none'),
            f"_base_ = ['{base}']",
            Config(body).pretty_text
        ]
        with open(args.out, 'w') as f:
            f.write('\n'.join(lines))
        print(f'Wrote {args.out}')


if __name__ == '__main__':
    main()
