"""Per-image state rows (one per training image) kept in buffers."""
import torch
from mmengine.dist import all_gather_object, get_world_size


def grow_rows(rows: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    """``rows`` with zero rows appended so that the largest ``index`` has
    one (the buffer grows with the images seen). Give it every rank's
    indices (:func:`gather_rows`), so that every rank grows alike."""
    size = int(index.max()) + 1
    if size <= len(rows):
        return rows
    grown = rows.new_zeros(size, *rows.shape[1:])
    grown[:len(rows)] = rows
    return grown


def gather_rows(index: torch.Tensor, *values: torch.Tensor):
    """Every rank's ``index`` (and ``values``), concatenated (DDP), so that
    each rank grows and writes the rows of every rank's batch."""
    if get_world_size() == 1:
        return (index, *values)
    parts = all_gather_object(tuple(t.cpu() for t in (index, *values)))
    return tuple(
        torch.cat([part[i] for part in parts]).to(t.device)
        for i, t in enumerate((index, *values)))


class SampleRowsMixin:
    """For an ``nn.Module`` with buffers of one row per training image
    (grown by :func:`grow_rows`), listed in ``data_sized_buffers``: a state
    dict loads at its own number of rows, and ``StrictLoadHook`` does not
    call the other size a mismatch."""

    data_sized_buffers = ()

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        for name in self.data_sized_buffers:
            saved = state_dict.get(prefix + name)
            if saved is not None:
                setattr(self, name, getattr(self, name).new_zeros(saved.shape))
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)
