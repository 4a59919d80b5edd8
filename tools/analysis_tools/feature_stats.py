"""Feature and classifier statistics of a checkpoint (weight-balancing
analysis): Fisher's discriminant ratio, intra-/inter-class cosine, per-class
feature norm and classifier weight norm, on the training and test sets; the
pairwise cosines of the classifier's class vectors, and for a head with an
LWR term the cosines it repels (through its projector) and the pairs above
its threshold.

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
from typing import Optional

import numpy as np
import torch
import torch.nn.functional as F
from mmengine.config import Config, DictAction

from mmlt.engine.hooks import ClassCountsHook
from mmlt.engine.hooks.utils import unaugmented_train_loader
from mmlt.evaluation import (cosine_similarities, fisher_discriminant_ratio,
                             per_class_norms)
from mmlt.models import LWRLoss
from mmlt.utils import extract_features
from mmlt.utils.cli import merge_cfg_options, runner_for_checkpoint


def class_vector_cosines(vectors: torch.Tensor,
                         theta: Optional[float] = None) -> dict:
    """Mean and max cosine between distinct class vectors; with ``theta``
    the number of pairs above it, the ones LWR repels."""
    unit = F.normalize(vectors.detach().double(), dim=1)
    cos = (unit @ unit.t())[~torch.eye(len(unit), dtype=torch.bool)]
    result = dict(cos_mean=float(cos.mean()), cos_max=float(cos.max()))
    if theta is not None:
        result['pairs_above_theta'] = int((cos > theta).sum()) // 2
    return result


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
    weight = model.head.fc.weight.detach()
    norms['classifier weight norm'] = weight.norm(dim=1).numpy()
    stats['classifier'] = class_vector_cosines(weight)
    weight_reg = getattr(model.head, 'weight_reg', None)
    if isinstance(weight_reg, LWRLoss):
        with torch.no_grad():
            repelled = weight_reg.repelled(weight)
        stats['lwr'] = dict(
            class_vector_cosines(repelled, weight_reg.theta),
            value=float(
                weight_reg.repulsion(repelled, weight_reg.theta,
                                     weight_reg.tau)))
    for split in loaders:
        values = stats[split]
        print(f'{split}: FDR {values["fdr"]:.3f}, intra-class cosine '
              f'{values["intra"]:.3f}, inter-class cosine '
              f'{values["inter"]:.3f}')
    for name in ('classifier', 'lwr'):
        if name in stats:
            print(f'{name} class vectors: ' +
                  ', '.join(f'{k} {v:.4g}' for k, v in stats[name].items()))
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
