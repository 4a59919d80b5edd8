from .lt_linear_head import (ETFHead, LTLinearClsHead, LWSHead, NCMHead,
                             NormedLinearClsHead, simplex_etf)
from .posthoc import (AdditiveLogitAdjust, MultiplicativeLogitAdjust,
                      TauNormalize, ThresholdMoving)

__all__ = [
    'LTLinearClsHead', 'NormedLinearClsHead', 'LWSHead', 'NCMHead',
    'ETFHead', 'simplex_etf',
    'AdditiveLogitAdjust', 'MultiplicativeLogitAdjust', 'TauNormalize',
    'ThresholdMoving'
]
