from .class_counts import ClassCountsMixin
from .fixed_bn import FixedBN
from .multiview_preprocessor import MultiViewClsDataPreprocessor

__all__ = ['ClassCountsMixin', 'FixedBN', 'MultiViewClsDataPreprocessor']
