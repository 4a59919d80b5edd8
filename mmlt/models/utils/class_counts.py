"""Modules that need the training-set class counts."""
from typing import Sequence

import torch

#: Key of the counts in a state dict's per-module ``_metadata`` entries.
METADATA_KEY = 'class_counts'


class ClassCountsMixin:
    """Gives an ``nn.Module`` a persistent ``class_counts`` buffer.

    :class:`~mmlt.engine.hooks.ClassCountsHook` fills the buffer from the
    training set before training; as a buffer it is saved in every
    checkpoint, so a test-only run of the module carries its prior with it.
    Call :meth:`init_class_counts` in ``__init__`` after ``super().__init__``.

    A state dict without the buffer (e.g. of a CE model, whose mmpretrain
    head has none) still fills it when the hook wrote the counts into the
    state dict's ``_metadata`` (every checkpoint it saves): loading by any
    means, the runner, ``mmengine.runner.load_checkpoint`` (mmpretrain's
    ``get_model`` and inferencers) or ``load_state_dict``, then gives a
    post-hoc head on a CE checkpoint its prior.
    """

    def init_class_counts(self, num_classes: int) -> None:
        self.register_buffer('class_counts',
                             torch.zeros(num_classes, dtype=torch.float64))

    def _load_from_state_dict(self, state_dict, prefix, local_metadata, *args,
                              **kwargs):
        key = prefix + 'class_counts'
        counts = local_metadata.get(METADATA_KEY)
        if key not in state_dict and counts is not None:
            # torch reports a length mismatch as for any buffer
            state_dict[key] = torch.as_tensor(counts, dtype=torch.float64)
        super()._load_from_state_dict(state_dict, prefix, local_metadata,
                                      *args, **kwargs)

    def set_class_counts(self, counts: Sequence[float]) -> None:
        counts = torch.as_tensor(counts, dtype=torch.float64)
        if counts.shape != self.class_counts.shape:
            raise ValueError(
                f'{type(self).__name__} is built for '
                f'{self.class_counts.numel()} classes but received '
                f'{counts.numel()} class counts; check `num_classes`.')
        self.class_counts.copy_(counts)

    @property
    def has_class_counts(self) -> bool:
        return bool(self.class_counts.sum() > 0)

    def check_class_counts(self) -> None:
        """Raise a clear error if the counts never arrived."""
        if not self.has_class_counts:
            raise RuntimeError(
                f'{type(self).__name__} needs the training class counts: add '
                "dict(type='ClassCountsHook') to `custom_hooks`, or load a "
                'checkpoint that ClassCountsHook wrote (its state dict '
                'carries them).')

    @property
    def log_prior(self) -> torch.Tensor:
        """``log pi_c = log(n_c / N)`` as float32."""
        self.check_class_counts()
        counts = self.class_counts.float()
        return torch.log(counts / counts.sum())
