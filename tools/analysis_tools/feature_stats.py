"""Feature and classifier statistics of a checkpoint (weight-balancing
analysis): Fisher's discriminant ratio, intra-/inter-class cosine, per-class
feature norm and classifier weight norm, on the training and test sets.

Training features use the validation pipeline (no augmentation). Plots:
weight norm and feature norm against class training count (the seed
paper's Figures 2 and 5).

Example:
    python tools/analysis_tools/feature_stats.py \
        configs/weight_balancing/wb_r8_mnist5k-lt-if100.py CKPT --out-dir stats
"""
import argparse
import json
import os
import os.path as osp

import numpy as np
from mmengine.config import Config, DictAction

from mmlt.engine.hooks import ClassCountsHook
from mmlt.engine.hooks.utils import unaugmented_train_loader
from mmlt.evaluation import (cosine_similarities, fisher_discriminant_ratio,
                             per_class_norms)
from mmlt.utils import extract_features
from mmlt.utils.cli import merge_cfg_options, runner_for_checkpoint


def plot_norms(counts, series: dict, path: str) -> None:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, len(series), figsize=(5 * len(series), 3.5))
    for ax, (name, values) in zip(np.atleast_1d(axes), series.items()):
        ax.scatter(counts, values, s=14)
        ax.set(
            xscale='log', xlabel='training images of the class', ylabel=name)
    fig.savefig(path, dpi=100, bbox_inches='tight')
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--out-dir', default='feature_stats')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    merge_cfg_options(cfg, args.cfg_options)
    runner = runner_for_checkpoint(cfg, args.checkpoint, args.out_dir)
    model = runner.model
    counts = next(
        h.counts for h in runner.hooks if isinstance(h, ClassCountsHook))
    loaders = dict(
        train=unaugmented_train_loader(runner), test=runner.test_dataloader)
    stats, norms = {}, {}
    for split, loader in loaders.items():
        feats, labels = extract_features(model, loader, progress=True)
        feats = feats.numpy()
        stats[split] = dict(
            fdr=fisher_discriminant_ratio(feats, labels),
            **cosine_similarities(feats, labels))
        norms[f'{split} feature norm'] = per_class_norms(
            feats, labels, len(counts))
    weight = model.head.fc.weight.detach().numpy()
    norms['classifier weight norm'] = np.linalg.norm(weight, axis=1)
    for split, values in stats.items():
        print(f'{split}: FDR {values["fdr"]:.3f}, intra-class cosine '
              f'{values["intra"]:.3f}, inter-class cosine '
              f'{values["inter"]:.3f}')
    print('class count | ' + ' | '.join(norms))
    for i, n in enumerate(counts):
        print(f'{int(n)} | ' + ' | '.join(f'{v[i]:.3f}'
                                          for v in norms.values()))
    os.makedirs(args.out_dir, exist_ok=True)
    plot_norms(counts, norms, osp.join(args.out_dir, 'norms_vs_count.png'))
    result = dict(stats=stats, class_counts=counts.tolist())
    result.update((k, v.tolist()) for k, v in norms.items())
    with open(osp.join(args.out_dir, 'feature_stats.json'), 'w') as f:
        json.dump(result, f, indent=1)
    print(f'Saved {args.out_dir}/norms_vs_count.png, feature_stats.json')


if __name__ == '__main__':
    main()
