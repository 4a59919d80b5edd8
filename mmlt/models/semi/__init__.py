from .darp import darp_refine

__all__ = ['darp_refine']
