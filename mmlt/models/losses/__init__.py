from .base import BaseLTLoss
from .class_weights import class_weights
from .dot_regression import DotRegressionLoss
from .focal import SoftmaxFocalLoss
from .ldam import LDAMLoss
from .logit_adjusted import BalancedSoftmaxLoss, LogitAdjustedLoss, VSLoss
from .lwr import LWRLoss
from .sigmoid import SigmoidCELoss, SigmoidFocalLoss, SoftmaxBCELoss
from .supcon import SupConLoss

__all__ = [
    'BaseLTLoss', 'class_weights', 'DotRegressionLoss', 'SoftmaxFocalLoss',
    'LDAMLoss', 'BalancedSoftmaxLoss', 'LogitAdjustedLoss', 'VSLoss',
    'LWRLoss', 'SigmoidCELoss', 'SigmoidFocalLoss', 'SoftmaxBCELoss',
    'SupConLoss'
]
