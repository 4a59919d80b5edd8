"""A labeled and an unlabeled set read together (semi-supervised batches)."""
from typing import Sequence, Tuple, Union

import numpy as np
from mmpretrain.registry import DATASETS


@DATASETS.register_module()
class SemiSupervisedDataset:
    """The labeled set read at index pairs ``(i, (j_1, ..., j_mu))`` from
    :class:`~mmlt.datasets.SemiSupervisedSampler`: labeled sample ``i``
    with the unlabeled samples ``j_1 .. j_mu`` under the key
    ``'unlabeled'`` (each of them, through the unlabeled set's pipeline,
    typically ``MultiView`` with a weak and a strong view, FixMatch's). An
    integer index gives the plain labeled sample. Labels, metainfo and
    length are the labeled set's (``dataset``), so ``ClassCountsHook``
    counts the labeled part. Two ``SemiSupervisedSplit`` parts that share
    images (different split arguments) are an error.

    Args:
        dataset (dict | Dataset): The labeled set.
        unlabeled (dict | Dataset): The unlabeled set.
    """

    def __init__(self, dataset: Union[dict, object], unlabeled: Union[dict,
                                                                      object]):
        self.dataset = (
            DATASETS.build(dataset) if isinstance(dataset, dict) else dataset)
        self.unlabeled = (
            DATASETS.build(unlabeled)
            if isinstance(unlabeled, dict) else unlabeled)
        shared = np.intersect1d(
            getattr(self.dataset, 'indices', []),
            getattr(self.unlabeled, 'indices', []))
        if len(shared):
            raise ValueError(
                f'SemiSupervisedDataset: {len(shared)} images of the pool are '
                'in both parts; give both SemiSupervisedSplit parts the same '
                'num_labeled, num_unlabeled, imb_factor and seed.')

    @property
    def metainfo(self) -> dict:
        return self.dataset.metainfo

    def get_gt_labels(self):
        return self.dataset.get_gt_labels()

    @property
    def unlabeled_counts(self):
        """The unlabeled part's declared per-class counts (``M_k`` of its
        ``SemiSupervisedSplit``, from the split's arguments, not its hidden
        labels), or None when the unlabeled set declares none."""
        return getattr(self.unlabeled, 'unlabeled_counts', None)

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, index: Union[int, Tuple[int,
                                                  Sequence[int]]]) -> dict:
        if not isinstance(index, tuple):
            return self.dataset[index]
        i, js = index
        return dict(self.dataset[i], unlabeled=[self.unlabeled[j] for j in js])
