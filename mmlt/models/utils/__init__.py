from .class_counts import ClassCountsMixin
from .cmo_preprocessor import CMODataPreprocessor
from .fixed_bn import FixedBN
from .multiview_preprocessor import MultiViewClsDataPreprocessor
from .sample_rows import SampleRowsMixin, gather_rows, grow_rows
from .semi_preprocessor import SemiSupervisedDataPreprocessor

__all__ = [
    'ClassCountsMixin', 'CMODataPreprocessor', 'FixedBN',
    'MultiViewClsDataPreprocessor', 'grow_rows', 'gather_rows',
    'SampleRowsMixin', 'SemiSupervisedDataPreprocessor'
]
