from .lt_linear_head import (ETFHead, LTLinearClsHead, LWSHead, NCMHead,
                             NormedLinearClsHead, simplex_etf)
from .posthoc import (AdditiveLogitAdjust, MultiplicativeLogitAdjust,
                      PosthocInputs, TauNormalize, ThresholdMoving, at_value)
from .sizes import fill_sizes

__all__ = [
    'LTLinearClsHead', 'NormedLinearClsHead', 'LWSHead', 'NCMHead', 'ETFHead',
    'simplex_etf', 'fill_sizes', 'PosthocInputs', 'at_value',
    'AdditiveLogitAdjust', 'MultiplicativeLogitAdjust', 'TauNormalize',
    'ThresholdMoving'
]
