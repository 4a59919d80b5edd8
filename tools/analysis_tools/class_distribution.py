"""Plot the class distribution of a dataset config (sorted class counts).

Example:
    python tools/analysis_tools/class_distribution.py \
        configs/baseline/ce_r8_mnist5k-lt-if100.py --out dist.png
"""
import argparse

import numpy as np
from mmengine.config import Config, DictAction

from mmlt.datasets.utils import class_counts, summarize_counts
from mmlt.utils.cli import merge_cfg_options


def plot_counts(counts, title: str, path: str) -> None:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    order = np.argsort(-counts, kind='stable')
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.bar(np.arange(len(counts)), counts[order], width=1.0)
    ax.set(
        yscale='log',
        xlabel='class (sorted by count)',
        ylabel='training images',
        title=title)
    fig.savefig(path, dpi=100, bbox_inches='tight')
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument(
        '--split',
        default='train',
        choices=['train', 'val', 'test'],
        help='which dataloader of the config')
    parser.add_argument('--out', default='class_distribution.png')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    merge_cfg_options(cfg, args.cfg_options)
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
