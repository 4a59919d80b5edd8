"""Plot per-class accuracy against training count from LTAccuracy dumps.

Each JSON is what ``tools/test.py --per-class-json`` (or the metric's
``per_class_json``) writes; each becomes one series named after its file.

Example:
    python tools/analysis_tools/per_class_vs_count.py ce.json bs.json \
        --out per_class.png
"""
import argparse
import json
import os.path as osp

from mmlt.utils import plot_per_class_vs_count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('jsons', nargs='+')
    parser.add_argument('--out', default='per_class_vs_count.png')
    args = parser.parse_args()
    series = {}
    for path in args.jsons:
        rows = [r for r in json.load(open(path)) if r['accuracy'] is not None]
        name = osp.splitext(osp.basename(path))[0]
        series[name] = ([r['train_count']
                         for r in rows], [r['accuracy'] for r in rows])
    plot_per_class_vs_count(series, args.out)
    print(f'Saved {args.out}')


if __name__ == '__main__':
    main()
