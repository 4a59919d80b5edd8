from .calibration import (calibrate_tail, class_gaussians, lof_inliers,
                          sample_gaussians, tail_classes)
from .rcal import RCALClassifier

__all__ = [
    'calibrate_tail', 'class_gaussians', 'lof_inliers', 'RCALClassifier',
    'sample_gaussians', 'tail_classes'
]
