"""Dataset wrapper giving CMO's pair of samples per index."""
from typing import Tuple, Union

from mmpretrain.registry import DATASETS


@DATASETS.register_module()
class CMODataset:
    """A dataset read at index pairs ``(i, j)`` from
    :class:`~mmlt.datasets.CMOSampler`: sample ``i`` (the background) with
    sample ``j`` of the minority stream under the key ``'minority'``;
    :class:`~mmlt.models.CMODataPreprocessor` pastes the second into the
    first. An integer index gives the plain sample (validation, feature
    extraction). Labels, metainfo and length are the wrapped dataset's.

    Args:
        dataset (dict | Dataset): The long-tailed training set.
    """

    def __init__(self, dataset: Union[dict, object]):
        self.dataset = (
            DATASETS.build(dataset) if isinstance(dataset, dict) else dataset)

    @property
    def metainfo(self) -> dict:
        return self.dataset.metainfo

    def get_gt_labels(self):
        return self.dataset.get_gt_labels()

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, index: Union[int, Tuple[int, int]]) -> dict:
        if not isinstance(index, tuple):
            return self.dataset[index]
        i, j = index
        return dict(self.dataset[i], minority=self.dataset[j])
