"""Plots shared by the analysis and benchmark tools (matplotlib, Agg)."""
from typing import Dict, Sequence, Tuple

import numpy as np


def plot_per_class_vs_count(series: Dict[str, Tuple[Sequence[int],
                                                    Sequence[float]]],
                            path: str) -> None:
    """Per-class accuracy against training count, one series per name."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, (counts, accs) in series.items():
        ax.scatter(counts, accs, s=14, label=name, alpha=0.8)
    ax.set(
        xscale='log',
        xlabel='training images of the class',
        ylabel='test accuracy (%)',
        ylim=(-2, 102))
    ax.legend()
    fig.savefig(path, dpi=100, bbox_inches='tight')
    plt.close(fig)


def pseudo_label_curves(
        records: Sequence[dict]) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The per-class pseudo-label precision and recall over training from
    the lines of ``PseudoLabelHook``'s ``pseudo_labels.json``: iterations
    ``(T,)``, precision and recall ``(T, C)`` (NaN where a class has no
    kept pseudo-label), sorted by iteration; of two lines at one
    iteration (a run resumed from before its last evaluation) the later
    one."""
    by_iter = {r['iter']: r for r in records}
    iters = sorted(by_iter)
    precision, recall = (
        np.array([by_iter[i][key] for i in iters], dtype=float)
        for key in ('precision', 'recall'))
    return np.array(iters), precision, recall


def plot_pseudo_label_quality(records: Sequence[dict], path: str) -> None:
    """Per-class pseudo-label precision and recall against the training
    iteration (:func:`pseudo_label_curves`), one line per class coloured
    from class 0 (the head) to the last (the tail), the mean over classes
    in black."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    iters, precision, recall = pseudo_label_curves(records)
    colours = plt.cm.viridis(np.linspace(0, 1, precision.shape[1]))
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for ax, values, name in zip(axes, (precision, recall),
                                ('precision', 'recall')):
        for c, colour in enumerate(colours):
            ax.plot(iters, values[:, c], color=colour, lw=1, label=f'{c}')
        ax.plot(iters, np.nanmean(values, 1), 'k', lw=2, label='mean')
        ax.set(xlabel='iteration', title=f'pseudo-label {name}', ylim=(0, 1))
    axes[1].legend(title='class', fontsize='small', ncol=2)
    fig.savefig(path, dpi=100, bbox_inches='tight')
    plt.close(fig)
