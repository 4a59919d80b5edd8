"""Compare every shipped config, resolved, at a git revision and now.

Each config is loaded with mmengine (bases merged) in a process of its
tree; stage-relative parameter schedulers are made absolute with
:meth:`~mmlt.engine.runners.StageTrainLoop.resolve_param_scheduler` where
the tree has it. Differences are printed key by key, each difference once
with the configs it occurs in::

    python tools/misc/config_diff.py d85eb9d
"""
import argparse
import json
import os
import os.path as osp
import subprocess
import sys
import tempfile
from collections import defaultdict

REPO = osp.abspath(osp.join(osp.dirname(__file__), '..', '..'))

# run inside each tree: resolved configs as JSON on stdout
DUMP = r'''
import glob, json, os, sys
from mmengine.config import Config
try:
    from mmlt.engine.runners import StageTrainLoop
except ImportError:
    StageTrainLoop = None
out = {}
for path in sorted(glob.glob('configs/**/*.py', recursive=True)):
    if '/_base_/' in path or '/benchmark/' in path:
        continue
    cfg = Config.fromfile(path).to_dict()
    train = cfg.get('train_cfg') or {}
    if StageTrainLoop and train.get('type') == 'StageTrainLoop' and \
            cfg.get('param_scheduler') is not None:
        loop = StageTrainLoop.__new__(StageTrainLoop)
        loop._stages = StageTrainLoop.check_stages(
            train.get('stages') or dict(train=0))
        loop._max_epochs = train['max_epochs']
        cfg['param_scheduler'] = loop.resolve_param_scheduler(
            cfg['param_scheduler'])
    out[path] = cfg
json.dump(out, sys.stdout, default=str)
'''


def dump(tree: str) -> dict:
    """Resolved configs of the checkout ``tree``."""
    proc = subprocess.run([sys.executable, '-c', DUMP],
                          cwd=tree,
                          env=dict(os.environ, PYTHONPATH=tree),
                          capture_output=True,
                          text=True,
                          check=True)
    return json.loads(proc.stdout)


def by_type(items):
    """A list of configs with distinct types as ``{'[type]': config}``;
    None for any other value."""
    if not isinstance(items, list) or not all(
            isinstance(item, dict) and 'type' in item for item in items):
        return None
    keyed = {f'[{item["type"]}]': item for item in items}
    return keyed if len(keyed) == len(items) else None


def differences(old, new, path=''):
    """``(key, change)`` pairs between two resolved configs."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            sub = f'{path}.{key}' if path else str(key)
            sub = sub.replace('.[', '[')
            if key not in old:
                yield sub, f'added {new[key]!r}'
            elif key not in new:
                yield sub, f'removed {old[key]!r}'
            else:
                yield from differences(old[key], new[key], sub)
    elif by_type(old) is not None and by_type(new) is not None:
        # hooks: matched by type, not by position
        yield from differences(by_type(old), by_type(new), path)
    elif (isinstance(old, list) and isinstance(new, list)
          and len(old) == len(new)):
        for i, (a, b) in enumerate(zip(old, new)):
            yield from differences(a, b, f'{path}.{i}')
    elif old != new:
        yield path, f'{old!r} -> {new!r}'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('rev', help='git revision to compare with')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = osp.join(tmp, 'tree')
        subprocess.run(['git', 'worktree', 'add', '--detach', tree, args.rev],
                       cwd=REPO,
                       check=True,
                       capture_output=True)
        try:
            old = dump(tree)
        finally:
            subprocess.run(['git', 'worktree', 'remove', '--force', tree],
                           cwd=REPO,
                           check=True)
    new = dump(REPO)
    where = defaultdict(list)
    for path in sorted(set(old) | set(new)):
        if path not in old or path not in new:
            where[('(config)', 'only in ' +
                   ('now' if path in new else args.rev))].append(path)
            continue
        for change in differences(old[path], new[path]):
            where[change].append(path)
    same = sum(1 for p in set(old) & set(new)
               if not any(p in paths for paths in where.values()))
    for (key, change), paths in sorted(
            where.items(), key=lambda item: -len(item[1])):
        print(f'{key}: {change}\n    in {len(paths)}: {", ".join(paths)}')
    print(f'{same} of {len(set(old) & set(new))} configs resolve '
          f'identically at {args.rev} and now.')


if __name__ == '__main__':
    main()
