from .base import LTSampler
from .class_aware import ClassAwareSampler
from .class_weighted import (ClassWeightedSampler, InverseFrequencySampler,
                             ProgressiveSampler, SquareRootSampler)
from .cmo_sampler import CMOSampler
from .resample import RandomResampleSampler, resample_targets
from .semi_sampler import SemiSupervisedSampler
from .uniform import UniformSampler

__all__ = [
    'LTSampler', 'ClassAwareSampler', 'ClassWeightedSampler',
    'SquareRootSampler', 'ProgressiveSampler', 'InverseFrequencySampler',
    'CMOSampler', 'UniformSampler', 'RandomResampleSampler',
    'resample_targets', 'SemiSupervisedSampler'
]
