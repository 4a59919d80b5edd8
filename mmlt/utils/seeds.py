"""Independent random streams derived from a run's seed."""
import numpy as np


def derive_seed(seed: int, *keys: int) -> int:
    """A 32-bit seed for the stream named by ``keys`` of a run seeded with
    ``seed``.

    numpy's ``SeedSequence`` hashes the whole key, so nearby keys give
    unrelated streams: ``derive_seed(1, 0)`` and ``derive_seed(0, 1)`` differ,
    where ``seed + epoch`` would give run 1's epoch 0 the stream of run 0's
    epoch 1.

    Example:
        >>> derive_seed(0, 1) != derive_seed(1, 0)
        True
    """
    return int(np.random.SeedSequence([seed, *keys]).generate_state(1)[0])
