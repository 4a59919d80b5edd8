from .base import BaseLTLoss, soft_cross_entropy
from .class_weights import class_weights
from .dot_regression import DotRegressionLoss
from .focal import SoftmaxFocalLoss
from .ldam import LDAMLoss
from .logit_adjusted import BalancedSoftmaxLoss, LogitAdjustedLoss, VSLoss
from .lwr import LWRLoss
from .sigmoid import SigmoidCELoss
from .supcon import SupConLoss

__all__ = [
    'BaseLTLoss', 'soft_cross_entropy', 'class_weights', 'DotRegressionLoss',
    'SoftmaxFocalLoss', 'LDAMLoss', 'BalancedSoftmaxLoss', 'LogitAdjustedLoss',
    'VSLoss', 'LWRLoss', 'SigmoidCELoss', 'SupConLoss'
]
