from .class_counts_hook import ClassCountsHook
from .classifier_stage_hook import ClassifierStageHook
from .schedule_hooks import DRWHook, LWRScheduleHook

__all__ = [
    'ClassCountsHook', 'ClassifierStageHook', 'DRWHook', 'LWRScheduleHook'
]
