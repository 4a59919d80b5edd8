from .darp import darp_refine
from .darp_fixmatch import DARPFixMatch
from .fixmatch import FixMatch

__all__ = ['darp_refine', 'FixMatch', 'DARPFixMatch']
