"""Grid search of a post-hoc adjuster's parameter on held-out features."""
from typing import List, Sequence, Tuple

import numpy as np
import torch
from mmpretrain.registry import MODELS

from mmlt.evaluation import LTAccuracy

#: The searched parameter of each post-hoc adjuster.
POSTHOC_PARAMS = dict(
    AdditiveLogitAdjust='tau',
    TauNormalize='tau',
    MultiplicativeLogitAdjust='gamma')


@torch.no_grad()
def grid_search_posthoc(head, feats: torch.Tensor, labels: np.ndarray,
                        adjuster_cfg: dict,
                        grid: Sequence[float]) -> Tuple[float, List[float]]:
    """Balanced accuracy of the adjuster at every grid value of its
    parameter; returns the best value (the first on ties) and all scores."""
    param = POSTHOC_PARAMS[adjuster_cfg['type']]
    counts = head.class_counts.numpy()
    inputs = head.posthoc_inputs(feats)
    scores = []
    for value in grid:
        adjuster = MODELS.build(dict(adjuster_cfg, **{param: float(value)}))
        result = LTAccuracy.calculate(adjuster(inputs).numpy(), labels, counts)
        scores.append(result['balanced_acc'])
    return float(grid[int(np.argmax(scores))]), scores
