"""Grid search of a post-hoc adjuster's parameter on held-out features: the
one search behind :class:`~mmlt.engine.PosthocSearchHook`,
``tools/search_posthoc.py`` and ``tools/benchmark/posthoc_table.py``."""
from typing import List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import torch

from mmlt.evaluation import LTAccuracy
from mmlt.models.heads.posthoc import at_value

__all__ = ['PosthocSearch', 'search_posthoc', 'candidate_grid']


class PosthocSearch(NamedTuple):
    """The outcome of :func:`search_posthoc`.

    Args:
        param (str): The adjuster's searched parameter.
        value (float, optional): The chosen value; None when the unadjusted
            prediction scored best and no value of the parameter gives it
            (multiplicative LA).
        score (float): Its score.
        curve (list): ``(value, score)`` of every candidate, in the order
            scored (None: the unadjusted prediction).
        metric (str): The ``LTAccuracy`` key scored.
        num_images (int): Images searched on.
    """
    param: str
    value: Optional[float]
    score: float
    curve: List[Tuple[Optional[float], float]]
    metric: str
    num_images: int


def candidate_grid(grid: Sequence[float],
                   best: float,
                   divisions: int = 5) -> List[float]:
    """The refinement around ``best``: its neighbouring intervals of
    ``grid`` (one at an end of it) cut into ``divisions`` steps each, the
    ends excluded."""
    grid = sorted(grid)
    i = grid.index(best)
    intervals = [(grid[j], grid[j + 1]) for j in (i - 1, i)
                 if 0 <= j < len(grid) - 1]
    fine = [
        a + (b - a) * k / divisions for a, b in intervals
        for k in range(1, divisions)
    ]
    return [round(v, 6) for v in fine]


@torch.no_grad()
def search_posthoc(head,
                   feats: torch.Tensor,
                   labels: np.ndarray,
                   adjuster,
                   grid: Optional[Sequence[float]] = None,
                   refine: bool = True,
                   metric: str = 'balanced_acc') -> PosthocSearch:
    """Score ``adjuster`` at its identity (the unadjusted prediction) and
    at every value of its parameter on ``(feats, labels)``; the best wins,
    the first on ties (the identity, then the grid in order).

    Args:
        head: A head with ``posthoc_inputs`` and ``class_counts``
            (:class:`~mmlt.models.LTLinearClsHead`).
        feats (torch.Tensor): ``(N, d)`` held-out features, never the test
            set's.
        labels (np.ndarray): ``(N, )`` their labels.
        adjuster: A post-hoc adjuster (``mmlt.models.heads.posthoc``); not
            modified.
        grid (Sequence[float], optional): Values of ``adjuster.param``;
            defaults to ``adjuster.grid``.
        refine (bool): Then search the neighbourhood of the best grid value
            five times finer. Defaults to True.
        metric (str): Key of :meth:`LTAccuracy.calculate` to maximise.

    Returns:
        PosthocSearch: The choice and the whole curve.
    """
    param = type(adjuster).param
    grid = [float(v) for v in (adjuster.grid if grid is None else grid)]
    counts = head.class_counts.numpy()
    inputs = head.posthoc_inputs(feats)

    def score(value):
        candidate = at_value(adjuster, value)
        scores = inputs.logits if candidate is None else candidate(inputs)
        return LTAccuracy.calculate(scores.numpy(), labels, counts)[metric]

    identity = adjuster.identity
    candidates = [identity] + [v for v in grid if v != identity]
    curve = [(value, score(value)) for value in candidates]
    best = max(curve, key=lambda c: c[1])
    if refine and best[0] in grid and len(grid) > 1:
        curve += [(v, score(v)) for v in candidate_grid(grid, best[0])]
        best = max(curve, key=lambda c: c[1])
    return PosthocSearch(param, best[0], best[1], curve, metric, len(labels))
