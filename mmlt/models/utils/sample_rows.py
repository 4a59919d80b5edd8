"""Per-image state rows (one per training image) kept in buffers."""
import torch
from mmengine.dist import all_gather_object, get_world_size


def grow_rows(rows: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    """``rows`` with zero rows appended so that every rank's largest
    ``index`` has one (the buffer grows with the images seen, the same on
    every rank)."""
    size = int(index.max()) + 1
    if get_world_size() > 1:
        size = max(all_gather_object(size))
    if size <= len(rows):
        return rows
    grown = rows.new_zeros(size, *rows.shape[1:])
    grown[:len(rows)] = rows
    return grown


def gather_rows(index: torch.Tensor, values: torch.Tensor):
    """Every rank's ``(index, values)``, concatenated (DDP), so that each
    rank writes the rows of every rank's batch."""
    if get_world_size() == 1:
        return index, values
    parts = all_gather_object((index.cpu(), values.cpu()))
    return (torch.cat([i for i, _ in parts]).to(index.device),
            torch.cat([v for _, v in parts]).to(values.device))


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
