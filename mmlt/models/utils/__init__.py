from .class_counts import ClassCountsMixin
from .cmo_preprocessor import CMODataPreprocessor, cutmix_box, paste
from .fixed_bn import FixedBN
from .multiview_preprocessor import MultiViewClsDataPreprocessor

__all__ = ['ClassCountsMixin', 'CMODataPreprocessor', 'cutmix_box', 'paste', 'FixedBN', 'MultiViewClsDataPreprocessor']
