"""CMO's two data streams as one sampler of index pairs."""
from typing import Iterator, Optional, Tuple

from mmpretrain.registry import DATA_SAMPLERS
from torch.utils.data import Sampler

from mmlt.utils import derive_seed
from .class_weighted import InverseFrequencySampler
from .uniform import UniformSampler


@DATA_SAMPLERS.register_module()
class CMOSampler(Sampler):
    """Pairs ``(i, j)``: ``i`` from the instance-balanced stream
    (:class:`UniformSampler`), ``j`` from the minority stream
    (:class:`InverseFrequencySampler`), for
    :class:`~mmlt.datasets.CMODataset` (Park et al., CVPR 2022, Sec. 3.2).

    Both streams are sharded by rank from shared seeds, so under DDP every
    rank draws its own part of one global weighted sequence; the minority
    stream's seed is derived from the instance stream's
    (:func:`~mmlt.utils.derive_seed`), so the two are independent, and
    ``set_epoch`` reseeds both.

    Example:
        >>> train_dataloader = dict(
        ...     dataset=dict(type='CMODataset', dataset=dict(type='CIFAR100LT',
        ...                  ...)),
        ...     sampler=dict(type='CMOSampler', alpha=1.0))

    Args:
        dataset: The wrapped dataset (labels from ``get_gt_labels()``).
        alpha (float): Minority weights ``1 / n_c^alpha``. Defaults to 1.
        seed (int, optional): Shared seed of both streams.
        num_samples (int, optional): Pairs per epoch; see
            :class:`UniformSampler`. Defaults to ``len(dataset)``.
    """

    MINORITY_STREAM = 1

    def __init__(self,
                 dataset,
                 alpha: float = 1.0,
                 seed: Optional[int] = None,
                 num_samples: Optional[int] = None):
        self.instance = UniformSampler(
            dataset, seed=seed, num_samples=num_samples)
        self.minority = InverseFrequencySampler(
            dataset,
            alpha=alpha,
            seed=derive_seed(self.instance.seed, self.MINORITY_STREAM),
            num_samples=self.instance.total_size)

    def __iter__(self) -> Iterator[Tuple[int, int]]:
        return zip(iter(self.instance), iter(self.minority))

    def __len__(self) -> int:
        return len(self.instance)

    def set_epoch(self, epoch: int) -> None:
        self.instance.set_epoch(epoch)
        self.minority.set_epoch(epoch)
