from .class_counts import ClassCountsMixin
from .cmo_preprocessor import CMODataPreprocessor
from .fixed_bn import FixedBN
from .multiview_preprocessor import MultiViewClsDataPreprocessor

__all__ = [
    'ClassCountsMixin', 'CMODataPreprocessor', 'FixedBN',
    'MultiViewClsDataPreprocessor'
]
