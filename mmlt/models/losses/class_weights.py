"""Per-class loss weights from the training counts."""
import torch

CLASS_WEIGHTS = ('effective', 'inverse')


def class_weights(counts: torch.Tensor,
                  mode: str,
                  beta: float = 0.9999) -> torch.Tensor:
    """Per-class weights, float64 (losses cast them to their logits).

    - ``'effective'`` (Cui et al., CVPR 2019, Eq. 8 and Sec. 4):
      ``(1 - beta) / (1 - beta ** n_c)``, normalised to sum to C.
    - ``'inverse'``: ``n_tilde / n_c`` with ``n_tilde`` the harmonic mean
      of the counts (the limit beta -> 1 of ``'effective'``, normalised as in
      "Exploring Weight Balancing on Long-Tailed Recognition Problem").
    """
    counts = counts.to(torch.float64)
    if mode == 'effective':
        weights = (1.0 - beta) / (1.0 - torch.pow(beta, counts))
        weights = weights / weights.sum() * len(counts)
    elif mode == 'inverse':
        harmonic = len(counts) / (1.0 / counts).sum()
        weights = harmonic / counts
    else:
        raise ValueError(f'Unknown class weight {mode!r}; choose from '
                         f'{CLASS_WEIGHTS}.')
    return weights
