"""Pre-logit features of a dataloader under a classifier."""
from typing import Iterator, Tuple

import numpy as np
import torch
from mmengine.utils import ProgressBar


@torch.no_grad()
def iter_features(model, dataloader, progress: bool = False
                  ) -> Iterator[Tuple[torch.Tensor, torch.Tensor]]:
    """``(features, labels)`` batch by batch: the head's ``pre_logits``,
    with the model put in eval mode."""
    model.eval()
    bar = ProgressBar(len(dataloader)) if progress else None
    for batch in dataloader:
        data = model.data_preprocessor(batch, False)
        yield (model.head.pre_logits(model.extract_feat(data['inputs'])),
               torch.cat([s.gt_label for s in data['data_samples']]))
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.file.write('\n')


def extract_features(model, dataloader,
                     progress: bool = False) -> Tuple[torch.Tensor, np.ndarray]:
    """All ``(features, labels)`` of the dataloader, see
    :func:`iter_features`."""
    feats, labels = zip(*iter_features(model, dataloader, progress))
    return torch.cat(feats), torch.cat(labels).numpy()
