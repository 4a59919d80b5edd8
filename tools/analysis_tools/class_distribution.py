"""Plot the class distribution of a dataset config (sorted class counts).

Example:
    python tools/analysis_tools/class_distribution.py \
        configs/baseline/ce_r8_mnist5k-lt-if100.py --out dist.png
"""
import argparse
import os.path as osp
import sys

import numpy as np
from mmengine.config import Config, DictAction

sys.path.insert(0, osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))
import mmlt  # noqa: E402,F401
from mmlt.datasets.utils import class_counts, summarize_counts  # noqa: E402


def plot_counts(counts, title: str, path: str) -> None:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    order = np.argsort(-counts, kind='stable')
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.bar(np.arange(len(counts)), counts[order], width=1.0)
    ax.set(yscale='log', xlabel='class (sorted by count)',
           ylabel='training images', title=title)
    fig.savefig(path, dpi=100, bbox_inches='tight')
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('--split', default='train',
                        choices=['train', 'val', 'test'],
                        help='which dataloader of the config')
    parser.add_argument('--out', default='class_distribution.png')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    from mmpretrain.registry import DATASETS
    dataset = DATASETS.build(cfg[f'{args.split}_dataloader'].dataset)
    counts = class_counts(dataset.get_gt_labels(),
                          len(dataset.metainfo['classes']))
    title = f'{type(dataset).__name__} [{args.split}]'
    print(summarize_counts(title, counts))
    plot_counts(counts, title, args.out)
    print(f'Saved {args.out}')


if __name__ == '__main__':
    main()
