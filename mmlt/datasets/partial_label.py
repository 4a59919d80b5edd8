"""Partial labels: a candidate label set per image (long-tailed PLL)."""
from typing import Union

import numpy as np
import torch
from mmpretrain.registry import DATASETS


def candidate_sets(labels: np.ndarray, num_classes: int, q: float,
                   rng: np.random.Generator) -> np.ndarray:
    """``(N, C)`` bool candidate sets: the true label always, every other
    label independently with probability ``q`` (the ambiguity; the uniform
    generation of the PLL benchmarks, e.g. RECORDS' CIFAR-10-LT)."""
    if not 0 <= q < 1:
        raise ValueError(f'the ambiguity q must be in [0, 1), got {q}.')
    candidates = rng.random((len(labels), num_classes)) < q
    candidates[np.arange(len(labels)), labels] = True
    return candidates


@DATASETS.register_module()
class PartialLabelDataset:
    """A long-tailed training set whose images carry candidate label sets in
    place of their labels (the tutorial's "Long-tailed Partial Label
    Learning": ``(x_i, S_i)`` with ``y_i in S_i`` invisible).

    The sets are drawn once, at construction (seeded): each wrong label
    enters with probability ``q``, the true one always
    (:func:`candidate_sets`). A training item carries its set as
    ``data_sample.candidates`` (a ``(C, )`` 0/1 float tensor; the pipeline's
    ``PackInputs`` needs ``algorithm_keys=['candidates']``) and no
    ``gt_label``, so no loss can read the hidden label. The true labels stay
    for statistics and evaluation: ``get_gt_labels()`` returns them, and
    :class:`~mmlt.engine.hooks.ClassCountsHook` counts them for many /
    medium / few, as a long-tailed benchmark defines its splits by the true
    counts; samplers that balance by label would read them too and are not
    for partial labels.

    Example:
        >>> train_dataloader = dict(dataset=dict(
        ...     type='PartialLabelDataset', q=0.3,
        ...     dataset=dict(type='MNIST5kLT', imb_factor=100, pipeline=[
        ...         ..., dict(type='PackInputs',
        ...                   algorithm_keys=['candidates'])])))

    Args:
        dataset (dict | Dataset): The long-tailed training set.
        q (float): Probability that a wrong label is a candidate.
        seed (int): Seed of the candidate sets. Defaults to 0.
    """

    def __init__(self, dataset: Union[dict, object], q: float, seed: int = 0):
        self.dataset = (
            DATASETS.build(dataset) if isinstance(dataset, dict) else dataset)
        self.q = q
        labels = np.asarray(self.dataset.get_gt_labels(), dtype=np.int64)
        self.candidates = candidate_sets(labels,
                                         len(self.dataset.metainfo['classes']),
                                         q, np.random.default_rng(seed))

    @property
    def metainfo(self) -> dict:
        return self.dataset.metainfo

    def get_gt_labels(self) -> np.ndarray:
        """The true labels (hidden from training)."""
        return self.dataset.get_gt_labels()

    def __len__(self) -> int:
        return len(self.candidates)

    def __getitem__(self, index: int) -> dict:
        info = self.dataset.get_data_info(index)
        del info['gt_label']
        info['candidates'] = torch.from_numpy(self.candidates[index].astype(
            np.float32))
        item = self.dataset.pipeline(info)
        if 'candidates' not in item['data_samples']:
            raise KeyError(
                'PartialLabelDataset: the packed sample has no candidate '
                "set; give the pipeline's PackInputs "
                "algorithm_keys=['candidates'].")
        return item
