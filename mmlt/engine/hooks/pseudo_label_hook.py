"""Quality of the pseudo-labels of semi-supervised training."""
import copy
import json
import os.path as osp
from typing import Dict

import numpy as np
import torch
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from mmlt.utils import gather_outputs
from .utils import unwrap_model


def pseudo_label_quality(logits: torch.Tensor, labels: torch.Tensor,
                         threshold: float) -> Dict[str, list]:
    """Per-class precision and recall of the hard pseudo-labels whose
    confidence reaches ``threshold``: precision ``|pseudo = c, true = c| /
    |pseudo = c|``, recall ``|pseudo = c, true = c| / |true = c|`` (NaN for
    a class with no pseudo-label / no image), and the share ``kept``.

    Example:
        >>> logits = torch.log(torch.tensor([[.9, .1], [.8, .2], [.4, .6]]))
        >>> q = pseudo_label_quality(logits, torch.tensor([0, 1, 1]), 0.5)
        >>> q['precision'], q['recall']
        ([0.5, 1.0], [1.0, 0.5])
    """
    confidence, pseudo = logits.softmax(1).max(1)
    kept = confidence >= threshold
    num_classes = logits.shape[1]
    predicted = np.bincount(pseudo[kept].numpy(), minlength=num_classes)
    hits = np.bincount(
        pseudo[kept & (pseudo == labels)].numpy(), minlength=num_classes)
    actual = np.bincount(labels.numpy(), minlength=num_classes)
    with np.errstate(invalid='ignore', divide='ignore'):
        precision = hits / predicted
        recall = hits / actual
    return dict(
        precision=precision.tolist(),
        recall=recall.tolist(),
        kept=float(kept.float().mean()))


def _mean(values: list) -> float:
    """The mean over the defined (not NaN) values; NaN if none is."""
    values = np.asarray(values)
    values = values[~np.isnan(values)]
    return float(values.mean()) if values.size else float('nan')


@HOOKS.register_module()
class PseudoLabelHook(Hook):
    """Every ``interval`` training epochs (and after the last), the
    pseudo-labels the model would give the unlabeled set: its images
    through the test pipeline, the hard labels of ``head`` with confidence
    at least ``threshold``, scored against the true labels the
    :class:`~mmlt.datasets.SemiSupervisedSplit` keeps
    (:func:`pseudo_label_quality`). Logged: mean precision and recall over
    classes; appended to ``pseudo_labels.json`` in the work dir (one line
    per evaluation, per class), for plots over training.

    Args:
        interval (int): Epochs between evaluations. Defaults to 10.
        threshold (float): Confidence of a kept pseudo-label. Defaults to
            0.95 (FixMatch's).
        head (str): The model's head that pseudo-labels: ``'head'``, or
            ABC's ``'aux_head'``. Defaults to ``'head'``.
    """
    priority = 'LOW'

    def __init__(self,
                 interval: int = 10,
                 threshold: float = 0.95,
                 head: str = 'head'):
        self.interval = interval
        self.threshold = threshold
        self.head = head
        self._loader = None

    def after_train_epoch(self, runner) -> None:
        if not (self.every_n_epochs(runner, self.interval)
                or self.is_last_train_epoch(runner)):
            return
        model = unwrap_model(runner)
        head = getattr(model, self.head)
        logits, labels = gather_outputs(
            model, self._unlabeled_loader(runner), lambda m, inputs:
            (head(m.extract_feat(inputs)), ))
        model.train()
        quality = pseudo_label_quality(logits, labels, self.threshold)
        precision, recall = (
            _mean(quality[k]) for k in ('precision', 'recall'))
        runner.message_hub.update_scalar('train/pseudo_precision', precision)
        runner.message_hub.update_scalar('train/pseudo_recall', recall)
        print_log(
            f'PseudoLabelHook: epoch {runner.epoch + 1}: {quality["kept"]:.1%}'
            f' of the unlabeled set above {self.threshold}, mean precision '
            f'{precision:.3f}, mean recall {recall:.3f}',
            logger='current')
        if is_main_process():
            with open(osp.join(runner.work_dir, 'pseudo_labels.json'),
                      'a') as f:
                f.write(
                    json.dumps(
                        dict(
                            epoch=runner.epoch + 1,
                            iter=runner.iter,
                            **quality)) + '\n')

    def _unlabeled_loader(self, runner):
        if self._loader is None:
            cfg = runner.cfg
            dataset = copy.deepcopy(cfg.train_dataloader.dataset.unlabeled)
            dataset['hide_labels'] = False
            dataset['dataset']['pipeline'] = copy.deepcopy(
                cfg.test_dataloader.dataset.pipeline)
            self._loader = runner.build_dataloader(
                dict(cfg.test_dataloader, dataset=dataset))
        return self._loader
