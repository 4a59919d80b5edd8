"""Accuracy of a long-tailed classifier: overall, balanced, by shot group."""
import json
import os.path as osp
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
from mmengine.evaluator import BaseMetric
from mmengine.utils import mkdir_or_exist
from mmpretrain.registry import METRICS


def per_class_accuracy(pred_labels: np.ndarray, gt_labels: np.ndarray,
                       num_classes: int) -> np.ndarray:
    """Recall of each class in %, NaN for a class absent from ``gt_labels``."""
    correct = np.bincount(
        gt_labels[pred_labels == gt_labels],
        minlength=num_classes).astype(np.float64)
    total = np.bincount(gt_labels, minlength=num_classes).astype(np.float64)
    with np.errstate(invalid='ignore', divide='ignore'):
        return 100.0 * correct / total


@METRICS.register_module()
class LTAccuracy(BaseMetric):
    """Top-k, balanced, many / medium / few-shot accuracy, ACSA and GM.

    Shot groups follow classifier-balancing's ``shot_acc`` on the training
    counts: many ``n_c > many_thr``, few ``n_c < few_thr``, medium otherwise.
    A group's accuracy is the mean of its classes' accuracies. Balanced
    accuracy and ACSA (average class-specific accuracy, FACoG Table 1) are
    both the mean per-class recall and are logged under both names; GM is
    the geometric mean of per-class recalls (0 when a class scores 0). The
    training counts come from :class:`~mmlt.engine.hooks.ClassCountsHook`.
    All figures are percentages; an empty shot group gives NaN.

    Keys (with the default ``prefix='lt'``): ``lt/top1``, ``lt/top5``,
    ``lt/balanced_acc``, ``lt/acsa``, ``lt/gm``, ``lt/many``, ``lt/medium``,
    ``lt/few``.

    Example:
        >>> val_evaluator = dict(type='LTAccuracy', topk=(1, 5),
        ...                      per_class_json='work_dirs/per_class.json')

    Args:
        topk (Sequence[int]): Top-k accuracies to report. Defaults to (1, ).
        many_thr (int): Many-shot classes have more than this many training
            samples. Defaults to 100.
        few_thr (int): Few-shot classes have fewer. Defaults to 20.
        per_class_json (str, optional): Write per-class accuracy and training
            count to this JSON file after each evaluation.
    """
    default_prefix = 'lt'

    def __init__(self,
                 topk: Sequence[int] = (1, ),
                 many_thr: int = 100,
                 few_thr: int = 20,
                 per_class_json: Optional[str] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        if few_thr > many_thr:
            raise ValueError(f'`few_thr` ({few_thr}) must not exceed '
                             f'`many_thr` ({many_thr}).')
        self.topk = tuple(topk)
        self.many_thr = many_thr
        self.few_thr = few_thr
        self.per_class_json = per_class_json
        self.class_counts = None

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            self.results.append(
                dict(
                    pred_score=sample['pred_score'].cpu(),
                    gt_label=int(sample['gt_label'])))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        if self.class_counts is None:
            raise RuntimeError(
                'LTAccuracy needs the training class counts: add '
                "dict(type='ClassCountsHook') to `custom_hooks` (mmlt's "
                '_base_/default_runtime.py does).')
        scores = torch.stack([r['pred_score'] for r in results]).numpy()
        gt = np.array([r['gt_label'] for r in results], dtype=np.int64)
        metrics = self.calculate(scores, gt, self.class_counts, self.topk,
                                 self.many_thr, self.few_thr)
        per_class = metrics.pop('per_class')
        if self.per_class_json:
            self._dump(per_class)
        return metrics

    def _dump(self, per_class: np.ndarray) -> None:
        mkdir_or_exist(osp.dirname(osp.abspath(self.per_class_json)))
        classes = (self.dataset_meta
                   or {}).get('classes',
                              [str(i) for i in range(len(per_class))])
        rows = [
            dict(
                cls=str(c),
                train_count=int(n),
                accuracy=None if np.isnan(a) else float(a))
            for c, n, a in zip(classes, self.class_counts, per_class)
        ]
        with open(self.per_class_json, 'w') as f:
            json.dump(rows, f, indent=1)

    @staticmethod
    def calculate(scores: np.ndarray,
                  gt_labels: np.ndarray,
                  class_counts: Sequence[int],
                  topk: Sequence[int] = (1, ),
                  many_thr: int = 100,
                  few_thr: int = 20) -> Dict[str, object]:
        """All metrics from scores ``(N, C)``, labels ``(N,)`` and counts.

        Returns:
            dict: ``top{k}``, ``balanced_acc``, ``acsa``, ``gm``, ``many``,
            ``medium``, ``few`` (floats, %), ``per_class`` (array, %).
        """
        counts = np.asarray(class_counts)
        num_classes = scores.shape[1]
        if len(counts) != num_classes:
            raise ValueError(f'Scores have {num_classes} classes, the '
                             f'training counts {len(counts)}.')
        order = np.argsort(-scores, axis=1, kind='stable')
        out = {}
        for k in topk:
            hit = (order[:, :k] == gt_labels[:, None]).any(axis=1)
            out[f'top{k}'] = 100.0 * float(hit.mean())
        per_class = per_class_accuracy(order[:, 0], gt_labels, num_classes)
        present = ~np.isnan(per_class)
        recalls = per_class[present]
        out['balanced_acc'] = float(recalls.mean())
        out['acsa'] = out['balanced_acc']
        out['gm'] = (0.0 if (recalls == 0).any() else float(
            np.exp(np.log(recalls).mean())))
        groups = dict(
            many=counts > many_thr,
            medium=(counts <= many_thr) & (counts >= few_thr),
            few=counts < few_thr)
        for name, mask in groups.items():
            mask = mask & present
            out[name] = (
                float(per_class[mask].mean()) if mask.any() else float('nan'))
        out['per_class'] = per_class
        return out
