"""Mixin turning the training split of a balanced dataset long-tailed."""
import numpy as np

from .lt_profile import (PROFILES, check_imb_factor, lt_class_counts,
                         select_lt_indices)
from .utils import class_counts, log_class_counts


class LongTailMixin:
    """Subsample the ``split == 'train'`` data list to a long-tailed profile.

    Place it before a balanced mmpretrain dataset in the bases; other splits
    stay balanced. The largest class keeps ``n_max`` samples, the smallest
    class count of the balanced split (5,000 for CIFAR-10, 500 for CIFAR-100).

    Args:
        imb_factor (float): Imbalance factor ``n_max / n_min`` (>= 1).
        profile (str): One of :data:`~mmlt.datasets.lt_profile.PROFILES`, see
            :func:`~mmlt.datasets.lt_profile.lt_class_counts`.
        protocol (str): ``'ldam'`` (per-class shuffle) or ``'first_n'``,
            see :func:`~mmlt.datasets.lt_profile.select_lt_indices`.
        seed (int): Seed of the ``'ldam'`` shuffle. Defaults to 0.
    """

    def __init__(self,
                 *args,
                 imb_factor: float = 100.,
                 profile: str = 'exp',
                 protocol: str = 'ldam',
                 seed: int = 0,
                 **kwargs):
        check_imb_factor(imb_factor)
        if profile not in PROFILES:
            raise ValueError(
                f'Unknown `profile` {profile!r}; choose from {PROFILES}.')
        self.imb_factor = imb_factor
        self.profile = profile
        self.protocol = protocol
        self.seed = seed
        super().__init__(*args, **kwargs)

    def load_data_list(self):
        data_list = super().load_data_list()
        if self.split != 'train':
            return data_list
        labels = np.array([int(info['gt_label']) for info in data_list])
        num_classes = len(self.metainfo['classes'])
        n_max = int(class_counts(labels, num_classes).min())
        counts = lt_class_counts(n_max, num_classes, self.imb_factor,
                                 self.profile)
        keep = select_lt_indices(labels, counts, self.protocol, self.seed)
        return [data_list[i] for i in keep]

    def full_init(self):
        if self._fully_initialized:
            return
        super().full_init()
        log_class_counts(self, f'{type(self).__name__}[{self.split}]')
