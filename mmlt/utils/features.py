"""Pre-logit features of a dataloader under a classifier."""
from typing import Callable, Iterable, Iterator, Tuple

import numpy as np
import torch
from mmengine.dist import all_gather_object, is_main_process
from mmengine.utils import track_iter_progress


def track(iterable: Iterable, total: int, enabled: bool = True) -> Iterator:
    """``iterable``, with a progress bar on the main process: for the long
    passes that are not training epochs (feature extraction, dictionary
    building, AFR's attack)."""
    if enabled and is_main_process():
        yield from track_iter_progress((iterable, total))
    else:
        yield from iterable


@torch.no_grad()
def iter_features(
        model,
        dataloader,
        progress: bool = False) -> Iterator[Tuple[torch.Tensor, torch.Tensor]]:
    """``(features, labels)`` batch by batch: the head's ``pre_logits``,
    with the model put in eval mode."""
    model.eval()
    for batch in track(dataloader, len(dataloader), progress):
        data = model.data_preprocessor(batch, False)
        yield (model.head.pre_logits(model.extract_feat(data['inputs'])),
               torch.cat([s.gt_label for s in data['data_samples']]))


def extract_features(
        model,
        dataloader,
        progress: bool = False) -> Tuple[torch.Tensor, np.ndarray]:
    """All ``(features, labels)`` of the dataloader, see
    :func:`iter_features`."""
    feats, labels = zip(*iter_features(model, dataloader, progress))
    return torch.cat(feats), torch.cat(labels).numpy()


def features_and_logits(
        model, inputs: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """The head's ``pre_logits`` and its logits."""
    x = model.extract_feat(inputs)
    return model.head.pre_logits(x), model.head(x)


@torch.no_grad()
def gather_outputs(
        model,
        dataloader,
        outputs: Callable = features_and_logits) -> Tuple[torch.Tensor, ...]:
    """``(*outputs(model, inputs), labels)`` of every sample of
    ``dataloader``, on CPU, in ``sample_idx`` order (eval mode). Under DDP
    each rank runs its shard and the shards are gathered, so every rank
    holds the same tensors; samples the sampler repeats to pad shards are
    kept once. The random streams are left as they were; the main process
    shows a progress bar."""
    model.eval()
    idx, parts = [], []
    # iterating a loader draws its base seed from torch's stream: fork it,
    # so that a pass run only on resume (FACoG's dictionary) leaves the
    # training streams where the uninterrupted run has them
    with torch.random.fork_rng(devices=[]):
        for batch in track(dataloader, len(dataloader)):
            data = model.data_preprocessor(batch, False)
            samples = data['data_samples']
            parts.append([t.cpu() for t in outputs(model, data['inputs'])] +
                         [torch.cat([s.gt_label for s in samples]).cpu()])
            idx.append(torch.tensor([s.sample_idx for s in samples]))
    gathered = all_gather_object(
        (torch.cat(idx), [torch.cat(p) for p in zip(*parts)]))
    idx = torch.cat([g[0] for g in gathered])
    columns = [torch.cat(c) for c in zip(*(g[1] for g in gathered))]
    _, first = np.unique(idx.numpy(), return_index=True)
    first = torch.from_numpy(first)
    return tuple(c[first] for c in columns)
