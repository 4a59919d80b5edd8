from .grayscale import ToGrayscale
from .memorization_augment import MemorizationAugment

__all__ = ['MemorizationAugment', 'ToGrayscale']
