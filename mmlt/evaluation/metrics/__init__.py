from .ece import ECE
from .lt_accuracy import LTAccuracy, per_class_accuracy

__all__ = ['ECE', 'LTAccuracy', 'per_class_accuracy']
