"""RCAL: calibrate the contrastive representation before training."""
import json
import os.path as osp
from typing import Optional

import numpy as np
import torch
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmpretrain.registry import DATASETS, HOOKS

from mmlt.datasets import unaugmented_train_set_cfg
from mmlt.models.noisy import (calibrate_tail, class_gaussians, lof_inliers,
                               sample_gaussians, tail_classes)
from mmlt.utils import gather_outputs
from .utils import unwrap_model

IN_ORDER = dict(type='DefaultSampler', shuffle=False)


@HOOKS.register_module()
class RepresentationCalibrationHook(Hook):
    """RCAL's step between contrastive pre-training and training (the
    tutorial's RCAL Algorithm 1, lines 4-10), for
    :class:`~mmlt.models.RCALClassifier`.

    Before the first iteration, on the encoder as loaded (``load_from`` the
    pre-training's checkpoint): the pooled features of every training image
    (unaugmented, DDP shards gathered) with the labels training sees (the
    observed, possibly wrong ones of the training set's wrappers, e.g.
    :class:`~mmlt.datasets.NoisyLabelDataset`); per class, LOF removes the
    outliers (:func:`~mmlt.models.noisy.lof_inliers`); a Gaussian per class
    from the rest, the tail classes' calibrated with their nearest head
    classes (:func:`~mmlt.models.noisy.calibrate_tail`), and
    ``samples_per_class`` features drawn from each (seeded by the run's
    seed, the same on every rank). The model keeps them and freezes the
    encoder as its reference (:meth:`~mmlt.models.RCALClassifier.
    calibrate`): a resumed run, or a model loaded calibrated, is not
    calibrated again. ``work_dir/rcal_calibration.json`` records per class
    the observed and kept counts and the tail, and where the training set
    knows the true labels (``clean_gt_labels``) the wrongly labelled images
    kept per class and removed.

    Example:
        >>> custom_hooks = [dict(type='RepresentationCalibrationHook',
        ...                      lof_neighbors=20, calib_neighbors=2)]

    Args:
        filter_outliers (bool): Run LOF; False keeps every image (the
            ablation of the filter). Defaults to True.
        lof_neighbors (int): LOF's neighbourhood. Defaults to 20.
        calibrate (bool): Calibrate the tail. Defaults to True.
        tail_quantile (float): Tail: classes with fewer kept images than
            this quantile of the kept counts. Defaults to 0.5 (median).
        calib_neighbors (int): ``k`` head classes per tail class.
            Defaults to 2.
        alpha (float): Added to the calibrated covariances' diagonal.
            Defaults to 0.
        samples_per_class (int, optional): Draws per class; by default the
            largest kept count (a balanced set at the head's size).
    """

    def __init__(self,
                 filter_outliers: bool = True,
                 lof_neighbors: int = 20,
                 calibrate: bool = True,
                 tail_quantile: float = 0.5,
                 calib_neighbors: int = 2,
                 alpha: float = 0.0,
                 samples_per_class: Optional[int] = None):
        self.filter_outliers = filter_outliers
        self.lof_neighbors = lof_neighbors
        self.calibrate = calibrate
        self.tail_quantile = tail_quantile
        self.calib_neighbors = calib_neighbors
        self.alpha = alpha
        self.samples_per_class = samples_per_class

    def before_train(self, runner) -> None:
        model = unwrap_model(runner)
        if not hasattr(model, 'calibrate'):
            raise TypeError('RepresentationCalibrationHook needs an '
                            f'RCALClassifier, got {type(model).__name__}.')
        if model.calibrated:
            runner.logger.info('RepresentationCalibrationHook: the model is '
                               'calibrated already (resumed or loaded).')
            return
        if model.sample_weight == 0:
            model.calibrate()
            return
        source = DATASETS.build(unaugmented_train_set_cfg(runner.cfg))
        loader = runner.build_dataloader(
            dict(runner.cfg.test_dataloader, dataset=source, sampler=IN_ORDER))
        feats, _ = gather_outputs(model, loader, _pooled)
        train_set = runner.train_loop.dataloader.dataset
        observed = torch.as_tensor(
            np.asarray(train_set.get_gt_labels()), dtype=torch.long)
        if len(observed) != len(feats):
            raise ValueError(
                f'RepresentationCalibrationHook: the training set has '
                f'{len(observed)} labels, its unwrapped images '
                f'{len(feats)}; a wrapper that adds or drops images cannot '
                'be calibrated.')
        num_classes = len(source.metainfo['classes'])
        keep = torch.ones(len(observed), dtype=torch.bool)
        if self.filter_outliers:
            keep = torch.from_numpy(
                lof_inliers(feats.numpy(), observed.numpy(),
                            self.lof_neighbors))
        kept_feats, kept_labels = feats[keep].double(), observed[keep]
        means, covs = class_gaussians(kept_feats, kept_labels, num_classes)
        counts = torch.bincount(kept_labels, minlength=num_classes)
        tail = torch.zeros(num_classes, dtype=torch.bool)
        if self.calibrate:
            tail = tail_classes(counts, self.tail_quantile)
            means, covs = calibrate_tail(means, covs, tail,
                                         self.calib_neighbors, self.alpha)
        per_class = self.samples_per_class or int(counts.max())
        generator = torch.Generator().manual_seed(runner.seed)
        sampled, labels = sample_gaussians(means, covs, per_class, generator)
        model.calibrate(sampled.float(), labels)
        record = dict(
            observed=torch.bincount(observed, minlength=num_classes).tolist(),
            kept=counts.tolist(),
            removed=int((~keep).sum()),
            tail=torch.nonzero(tail).flatten().tolist(),
            samples_per_class=per_class)
        text = ''
        clean = getattr(train_set, 'clean_gt_labels', None)
        if clean is not None:  # a benchmark's noise: how well LOF filters
            wrong = torch.as_tensor(np.asarray(clean)) != observed
            record.update(
                kept_wrong=torch.bincount(
                    observed[keep & wrong], minlength=num_classes).tolist(),
                removed_wrong=int((wrong & ~keep).sum()))
            text = (f' ({record["removed_wrong"]} of them wrongly labelled; '
                    f'kept wrong per class {record["kept_wrong"]})')
        runner.logger.info(
            f'RepresentationCalibrationHook: LOF removed {record["removed"]} '
            f'of {len(keep)} images{text}; kept per class {record["kept"]}; '
            f'tail {record["tail"]}; sampled {per_class} features per class.')
        if is_main_process():
            with open(osp.join(runner.work_dir, 'rcal_calibration.json'),
                      'w') as f:
                json.dump(record, f, indent=1)


def _pooled(model, inputs):
    """The linear head's input (the neck's pooled features)."""
    return (model.head.pre_logits(model.extract_feat(inputs)), )
