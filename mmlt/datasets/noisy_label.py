"""Noisy labels: a share of the training labels replaced by wrong ones."""
from typing import Union

import numpy as np
from mmpretrain.registry import DATASETS

NOISE_MODES = ('symmetric', 'pairflip')


def noisy_labels(labels: np.ndarray, num_classes: int, rate: float, mode: str,
                 rng: np.random.Generator) -> np.ndarray:
    """Labels with each one wrong with probability ``rate``.

    ``'symmetric'``: a wrong label is drawn uniformly from the other
    ``C - 1`` classes (so ``rate`` is the real share of wrong labels, not
    the "uniform over all C classes" reading in which a flip may land on the
    true class). ``'pairflip'``: class ``c`` becomes ``(c + 1) mod C``. Both
    are the generators of the long-tailed noisy-label benchmarks (RoLT,
    RCAL: CIFAR-10/100-LT at noise rates 0.1 to 0.5).
    """
    if mode not in NOISE_MODES:
        raise ValueError(
            f'noise mode must be one of {NOISE_MODES}, got {mode!r}.')
    if not 0 <= rate < 1:
        raise ValueError(f'the noise rate must be in [0, 1), got {rate}.')
    labels = np.asarray(labels, dtype=np.int64)
    flip = rng.random(len(labels)) < rate
    if mode == 'pairflip':
        wrong = (labels + 1) % num_classes
    else:
        # an offset in 1..C-1 lands on every other class with equal chance
        wrong = (labels + rng.integers(1, num_classes, len(labels))) \
            % num_classes
    return np.where(flip, wrong, labels)


@DATASETS.register_module()
class NoisyLabelDataset:
    """A long-tailed training set with a share of its labels made wrong (the
    tutorial's "Long-tailed noisy label learning", RCAL's setting).

    The noisy labels are drawn once, at construction (seeded;
    :func:`noisy_labels`), and are all that training sees: they replace
    ``gt_label`` in every item and ``get_gt_labels()`` returns them (so a
    sampler that balances by label balances the observed labels, as it
    would on real noisy data). The clean labels stay in
    ``clean_gt_labels``, and :class:`~mmlt.engine.hooks.ClassCountsHook`
    counts the wrapped set's (clean) labels: losses that take class counts
    (LDAM, logit adjustment) and the many / medium / few split use the
    long-tailed profile the benchmark declares, not the noise-inflated
    counts of the observed labels (with symmetric noise every tail class
    gains about ``rate * N / (C - 1)`` wrong images). A user who only has
    the noisy counts gives them to the hook (``class_counts=``).

    Example:
        >>> train_dataloader = dict(dataset=dict(
        ...     type='NoisyLabelDataset', rate=0.4, mode='symmetric',
        ...     dataset=dict(type='MNIST5kLT', imb_factor=100, ...)))

    Args:
        dataset (dict | Dataset): The long-tailed training set.
        rate (float): Probability that a label is wrong.
        mode (str): ``'symmetric'`` or ``'pairflip'``.
        seed (int): Seed of the noise. Defaults to 0.
    """

    def __init__(self,
                 dataset: Union[dict, object],
                 rate: float,
                 mode: str = 'symmetric',
                 seed: int = 0):
        self.dataset = (
            DATASETS.build(dataset) if isinstance(dataset, dict) else dataset)
        self.rate = rate
        self.mode = mode
        self.clean_gt_labels = np.asarray(
            self.dataset.get_gt_labels(), dtype=np.int64)
        self.noisy_gt_labels = noisy_labels(
            self.clean_gt_labels, len(self.dataset.metainfo['classes']), rate,
            mode, np.random.default_rng(seed))

    @property
    def metainfo(self) -> dict:
        return self.dataset.metainfo

    def get_gt_labels(self) -> np.ndarray:
        """The noisy labels, the ones training sees."""
        return self.noisy_gt_labels

    def __len__(self) -> int:
        return len(self.noisy_gt_labels)

    def __getitem__(self, index: int) -> dict:
        info = self.dataset.get_data_info(index)
        info['gt_label'] = int(self.noisy_gt_labels[index])
        return self.dataset.pipeline(info)
