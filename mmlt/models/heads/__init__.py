from .lt_linear_head import (ETFHead, LTLinearClsHead, LWSHead, NCMHead,
                             NormedLinearClsHead, simplex_etf)
from .partial_label_head import PartialLabelClsHead
from .posthoc import (AdditiveLogitAdjust, MultiplicativeLogitAdjust,
                      PosthocInputs, TauNormalize, ThresholdMoving, at_value)
from .sizes import fill_sizes
from .subclass_head import SubclassClsHead

__all__ = [
    'LTLinearClsHead', 'NormedLinearClsHead', 'LWSHead', 'NCMHead', 'ETFHead',
    'simplex_etf', 'fill_sizes', 'PosthocInputs', 'at_value',
    'AdditiveLogitAdjust', 'MultiplicativeLogitAdjust', 'TauNormalize',
    'ThresholdMoving', 'SubclassClsHead', 'PartialLabelClsHead'
]
