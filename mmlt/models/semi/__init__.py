from .darp import darp_refine
from .fixmatch import FixMatch

__all__ = ['darp_refine', 'FixMatch']
