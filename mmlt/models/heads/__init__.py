from .lt_linear_head import (LTLinearClsHead, LWSHead, NCMHead,
                             NormedLinearClsHead)
from .posthoc import (AdditiveLogitAdjust, MultiplicativeLogitAdjust,
                      TauNormalize, ThresholdMoving)

__all__ = [
    'LTLinearClsHead', 'NormedLinearClsHead', 'LWSHead', 'NCMHead',
    'AdditiveLogitAdjust', 'MultiplicativeLogitAdjust', 'TauNormalize',
    'ThresholdMoving'
]
