from .lt_linear_head import LTLinearClsHead, LWSHead, NormedLinearClsHead
from .posthoc import (AdditiveLogitAdjust, MultiplicativeLogitAdjust,
                      TauNormalize, ThresholdMoving)

__all__ = [
    'LTLinearClsHead', 'NormedLinearClsHead', 'LWSHead',
    'AdditiveLogitAdjust', 'MultiplicativeLogitAdjust', 'TauNormalize',
    'ThresholdMoving'
]
