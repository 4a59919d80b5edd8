from .probe_loop import FeatureProbeLoop, knn_scores, linear_probe
from .stage_loop import StageTrainLoop

__all__ = ['StageTrainLoop', 'FeatureProbeLoop', 'knn_scores', 'linear_probe']
