"""Read the final long-tail metrics of a work dir and print them."""
import glob
import json
import math
import os.path as osp
from typing import Dict, List, Optional

#: Metric keys every mmlt evaluation logs, in table order.
LT_KEYS = ('lt/balanced_acc', 'lt/top1', 'lt/many', 'lt/medium', 'lt/few',
           'lt/gm', 'lt/ece')


def read_final_metrics(work_dir: str) -> Optional[Dict[str, float]]:
    """The last evaluation logged under ``work_dir``, or None if none: a
    classifier's ``lt/*`` or a probe's ``<probe>/lt/*`` (FeatureProbeLoop).

    mmengine writes one ``<timestamp>/`` folder per launch (a resumed run
    adds one): training logs its evaluations to ``vis_data/scalars.json``,
    ``tools/test.py`` its one to ``<timestamp>.json``. The newest launch
    with an evaluation wins.
    """
    launches = sorted(glob.glob(osp.join(work_dir, '*', '')))
    for launch in reversed(launches):
        stamp = osp.basename(osp.dirname(launch))
        for path in (osp.join(launch, 'vis_data', 'scalars.json'),
                     osp.join(launch, stamp + '.json')):
            if not osp.isfile(path):
                continue
            last = None
            with open(path) as f:
                for line in f:
                    record = json.loads(line)
                    if any(
                            k.split('/')[-2:] == ['lt', 'balanced_acc']
                            for k in record):  # 'lt/...' or 'knn/lt/...'
                        last = record
            if last is not None:
                return last
    return None


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 'n/a'
    return f'{value:.2f}'


def format_lt_table(rows: List[Dict[str, object]], keys=LT_KEYS) -> str:
    """A Markdown table: one row per ``{'name': ..., 'lt/...': value}``."""
    head = ['method'] + [k.split('/')[-1] for k in keys]
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for row in rows:
        cells = [str(row['name'])] + [_fmt(row.get(k)) for k in keys]
        lines.append('| ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)
