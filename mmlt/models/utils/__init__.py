from .class_counts import ClassCountsMixin

__all__ = ['ClassCountsMixin']
