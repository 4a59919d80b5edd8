"""Print the many / medium / few table of one or more work dirs.

A work dir with no evaluation logged (a run that stopped early, a folder
of something else) is reported and left out; the others are printed.

Example:
    python tools/analysis_tools/lt_table.py work_dirs/ce_r8_mnist5k-lt-if100
"""
import argparse
import os.path as osp
import sys

from mmlt.utils import format_lt_table, read_final_metrics


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('work_dirs', nargs='+', help='training work dirs')
    args = parser.parse_args()
    rows = []
    for work_dir in args.work_dirs:
        metrics = read_final_metrics(work_dir)
        if metrics is None:
            print(
                f'lt_table: no evaluation logged under {work_dir}; left '
                'out.',
                file=sys.stderr)
            continue
        rows.append(dict(name=osp.basename(osp.normpath(work_dir)), **metrics))
    if not rows:
        sys.exit('lt_table: none of the work dirs has an evaluation.')
    print(format_lt_table(rows))


if __name__ == '__main__':
    main()
