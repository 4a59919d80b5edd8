from .abc_fixmatch import ABCFixMatch
from .darp import darp_refine
from .darp_abc_fixmatch import DARPABCFixMatch
from .darp_fixmatch import DARPFixMatch
from .fixmatch import FixMatch

__all__ = [
    'darp_refine', 'FixMatch', 'DARPFixMatch', 'ABCFixMatch', 'DARPABCFixMatch'
]
