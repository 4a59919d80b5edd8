"""Expected calibration error (Guo et al., ICML 2017)."""
import os.path as osp
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.utils import mkdir_or_exist
from mmpretrain.registry import METRICS


@METRICS.register_module()
class ECE(BaseMetric):
    """``ECE = sum_b |B_b| / N * |acc(B_b) - conf(B_b)|`` over equal-width
    confidence bins, confidence being the top softmax score.

    Logged as ``lt/ece`` in % (default prefix ``lt``).

    Args:
        num_bins (int): Number of bins. Defaults to 15.
        reliability_png (str, optional): Draw the reliability diagram to
            this PNG after each evaluation.
    """
    default_prefix = 'lt'

    def __init__(self,
                 num_bins: int = 15,
                 reliability_png: Optional[str] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.num_bins = num_bins
        self.reliability_png = reliability_png

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            score = sample['pred_score'].cpu()
            self.results.append((float(score.max()), int(score.argmax()),
                                 int(sample['gt_label'])))

    def compute_metrics(self, results: List[tuple]) -> Dict[str, float]:
        conf, pred, gt = map(np.asarray, zip(*results))
        ece, bins = self.calculate(conf, pred == gt, self.num_bins)
        if self.reliability_png:
            self.plot(bins, ece, self.reliability_png)
        return dict(ece=ece)

    @staticmethod
    def calculate(confidences: np.ndarray,
                  correct: np.ndarray,
                  num_bins: int = 15):
        """ECE in % and per-bin ``(count, accuracy, confidence)`` rows.

        Bin b holds confidences in ``(b/B, (b+1)/B]``.
        """
        confidences = np.asarray(confidences, dtype=np.float64)
        correct = np.asarray(correct, dtype=np.float64)
        edges = np.linspace(0, 1, num_bins + 1)
        bin_ids = np.clip(
            np.searchsorted(edges, confidences, side='left') - 1, 0,
            num_bins - 1)
        bins, ece = [], 0.0
        for b in range(num_bins):
            mask = bin_ids == b
            if not mask.any():
                bins.append((0, float('nan'), float('nan')))
                continue
            acc, conf = correct[mask].mean(), confidences[mask].mean()
            ece += mask.mean() * abs(acc - conf)
            bins.append((int(mask.sum()), float(acc), float(conf)))
        return 100.0 * float(ece), bins

    @staticmethod
    def plot(bins, ece: float, path: str) -> None:
        """Reliability diagram: accuracy per confidence bin vs the diagonal."""
        import matplotlib
        matplotlib.use('Agg')
        import matplotlib.pyplot as plt
        num_bins = len(bins)
        centers = (np.arange(num_bins) + 0.5) / num_bins
        acc = np.array([b[1] for b in bins])
        fig, ax = plt.subplots(figsize=(4, 4))
        ax.bar(
            centers,
            np.nan_to_num(acc),
            width=1 / num_bins,
            edgecolor='k',
            label='accuracy')
        ax.plot([0, 1], [0, 1], 'r--', label='perfect calibration')
        ax.set(
            xlabel='confidence',
            ylabel='accuracy',
            title=f'ECE {ece:.2f}%',
            xlim=(0, 1),
            ylim=(0, 1))
        ax.legend(loc='upper left')
        mkdir_or_exist(osp.dirname(osp.abspath(path)))
        fig.savefig(path, dpi=100, bbox_inches='tight')
        plt.close(fig)
