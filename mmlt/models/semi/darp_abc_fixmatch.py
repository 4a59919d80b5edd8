"""FixMatch with both remedies: DARP's refined pseudo-labels and ABC's
auxiliary balanced classifier."""
from mmpretrain.registry import MODELS

from .abc_fixmatch import ABCFixMatch
from .darp_fixmatch import DARPFixMatch


@MODELS.register_module()
class DARPABCFixMatch(DARPFixMatch, ABCFixMatch):
    """FixMatch + DARP + ABC (the "both" row of ABC's comparison, Lee et
    al., NeurIPS 2021).

    DARP refines the pseudo-labels of the main head, the representation
    learner's (:class:`DARPFixMatch`); the auxiliary head trains on its
    own masked share and its own thresholded pseudo-labels, and predicts
    (:class:`ABCFixMatch`). The arguments are both classes'.
    """
