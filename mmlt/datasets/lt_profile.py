"""Long-tailed class profiles and subset selection (pure functions)."""
from typing import List, Optional, Sequence

import numpy as np

#: GAMO (Mullick et al., ICCV 2019) MNIST / Fashion-MNIST training counts,
#: imbalance ratio 100; FACoG's Table 1 follows this protocol.
GAMO_MNIST_COUNTS = (4000, 2000, 1000, 750, 500, 350, 200, 100, 60, 40)

PROFILES = ('exp', 'step', 'gamo', 'gamo-scaled')
PROTOCOLS = ('ldam', 'first_n')


def check_imb_factor(imb_factor: float) -> None:
    """Raise a ``ValueError`` naming the key when ``imb_factor < 1``."""
    if not imb_factor >= 1:
        raise ValueError(f'`imb_factor` must be >= 1 (n_max / n_min), '
                         f'got {imb_factor!r}.')


def lt_class_counts(n_max: int,
                    num_classes: int,
                    imb_factor: float,
                    profile: str = 'exp') -> List[int]:
    """Per-class training counts of a long-tailed profile.

    - ``exp``: ``n_i = int(n_max * (1 / IF) ** (i / (C - 1)))`` (Cao et al.,
      LDAM-DRW, NeurIPS 2019), classes in label order.
    - ``step``: the first half keeps ``n_max``, the second ``int(n_max / IF)``
      (Buda et al. 2018, as in LDAM-DRW).
    - ``gamo``: the fixed MNIST counts of :data:`GAMO_MNIST_COUNTS`
      (``n_max`` and ``imb_factor`` unused, 10 classes only).
    - ``gamo-scaled``: GAMO's counts times ``n_max / 4000``, rounded (at
      least 1): its ratios on a smaller pool (``imb_factor`` unused).

    Args:
        n_max (int): Samples of the largest (first) class.
        num_classes (int): Number of classes C.
        imb_factor (float): Ratio between the largest and smallest class.
        profile (str): One of :data:`PROFILES`.
    """
    check_imb_factor(imb_factor)
    if profile == 'exp':
        if num_classes == 1:
            return [n_max]
        return [
            int(n_max * (1.0 / imb_factor)**(i / (num_classes - 1.0)))
            for i in range(num_classes)
        ]
    if profile == 'step':
        head = num_classes // 2
        return [n_max] * head + [int(n_max / imb_factor)] * (
            num_classes - head)
    if profile in ('gamo', 'gamo-scaled'):
        if num_classes != len(GAMO_MNIST_COUNTS):
            raise ValueError(f'profile="{profile}" is defined for 10 '
                             f'classes, got num_classes={num_classes}.')
        if profile == 'gamo':
            return list(GAMO_MNIST_COUNTS)
        scale = n_max / GAMO_MNIST_COUNTS[0]
        return [max(1, round(n * scale)) for n in GAMO_MNIST_COUNTS]
    raise ValueError(f'Unknown `profile` {profile!r}; choose from {PROFILES}.')


def select_lt_indices(labels: Sequence[int],
                      counts: Sequence[int],
                      protocol: str = 'ldam',
                      seed: Optional[int] = 0) -> np.ndarray:
    """Indices of a long-tailed subset with ``counts[c]`` samples of class c.

    - ``ldam``: for each class in label order, its indices are shuffled by one
      ``RandomState(seed)`` shared across classes and the first ``n_c`` kept.
      This reproduces LDAM-DRW's ``gen_imbalanced_data`` exactly (12,406 /
      10,847 CIFAR-10/100 images at IF=100).
    - ``first_n``: the first ``n_c`` indices of each class in file order, no
      shuffle (the weight-balancing code's protocol).

    Returns:
        np.ndarray: Selected indices, grouped by class in label order.
    """
    if protocol not in PROTOCOLS:
        raise ValueError(
            f'Unknown `protocol` {protocol!r}; choose from {PROTOCOLS}.')
    labels = np.asarray(labels)
    rng = np.random.RandomState(seed)
    selected = []
    for cls, n in enumerate(counts):
        if n <= 0:
            raise ValueError(f'The long-tailed profile leaves class {cls} '
                             f'with {n} samples; lower `imb_factor`.')
        idx = np.where(labels == cls)[0]
        if len(idx) < n:
            raise ValueError(f'Class {cls} has {len(idx)} samples, the '
                             f'profile asks for {n}.')
        if protocol == 'ldam':
            rng.shuffle(idx)
        selected.append(idx[:n])
    return np.concatenate(selected)
