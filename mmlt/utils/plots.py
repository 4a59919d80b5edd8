"""Plots shared by the analysis and benchmark tools (matplotlib, Agg)."""
from typing import Dict, Sequence, Tuple


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
