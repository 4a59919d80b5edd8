from .grayscale import ToGrayscale

__all__ = ['ToGrayscale']
