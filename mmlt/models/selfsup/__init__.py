from .boosted_contrastive import (BoostedContrastiveLearning,
                                  memorization_scores, update_loss_average)
from .geometric_harmonization import (GeometricHarmonization, gh_loss,
                                      sinkhorn_allocation)
from .reweighted_sam import (ReweightedSAM, SAMDistributedDataParallel,
                             kde_weights, sam_update)
from .wrapper import SelfSupWrapper

__all__ = [
    'BoostedContrastiveLearning', 'memorization_scores', 'update_loss_average',
    'GeometricHarmonization', 'gh_loss', 'kde_weights', 'ReweightedSAM',
    'SAMDistributedDataParallel', 'sam_update', 'SelfSupWrapper',
    'sinkhorn_allocation'
]
