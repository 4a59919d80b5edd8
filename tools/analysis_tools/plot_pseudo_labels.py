"""Plot per-class pseudo-label precision and recall over training.

Reads the ``pseudo_labels.json`` that ``PseudoLabelHook`` appends to in a
semi-supervised run's work dir (one line per evaluation).

Example:
    python tools/analysis_tools/plot_pseudo_labels.py \
        work_dirs/darp-fixmatch_r8_mnist5k-lt-if100-semi/pseudo_labels.json \
        --out pseudo_labels.png
"""
import argparse
import json

from mmlt.utils import plot_pseudo_label_quality


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('json', help="a run's pseudo_labels.json")
    parser.add_argument('--out', default='pseudo_labels.png')
    args = parser.parse_args()
    with open(args.json) as f:
        records = [json.loads(line) for line in f if line.strip()]
    if not records:
        raise SystemExit(f'{args.json}: no evaluation recorded yet.')
    plot_pseudo_label_quality(records, args.out)
    print(f'Saved {args.out}')


if __name__ == '__main__':
    main()
