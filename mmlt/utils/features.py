"""Pre-logit features of a dataloader under a classifier."""
from typing import Tuple

import numpy as np
import torch
from mmengine.utils import ProgressBar


@torch.no_grad()
def extract_features(model, dataloader,
                     progress: bool = False) -> Tuple[torch.Tensor, np.ndarray]:
    """``(features, labels)``: the head's ``pre_logits`` in eval mode."""
    model.eval()
    feats, labels = [], []
    bar = ProgressBar(len(dataloader)) if progress else None
    for batch in dataloader:
        data = model.data_preprocessor(batch, False)
        feats.append(model.head.pre_logits(model.extract_feat(
            data['inputs'])))
        labels.append(torch.cat([s.gt_label for s in data['data_samples']]))
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.file.write('\n')
    return torch.cat(feats), torch.cat(labels).numpy()
