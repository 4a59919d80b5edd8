from .base import LTSampler
from .class_aware import ClassAwareSampler
from .class_weighted import (ClassWeightedSampler, ProgressiveSampler,
                             SquareRootSampler)

__all__ = [
    'LTSampler', 'ClassAwareSampler', 'ClassWeightedSampler',
    'SquareRootSampler', 'ProgressiveSampler'
]
