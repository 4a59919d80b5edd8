from .class_counts_hook import ClassCountsHook
from .class_mean_hook import ClassMeanHook
from .classifier_stage_hook import ClassifierStageHook
from .facog_hook import FACoGHook
from .max_norm_hook import MaxNormHook
from .schedule_hooks import DRWHook, LWRScheduleHook

__all__ = [
    'ClassCountsHook', 'ClassMeanHook', 'ClassifierStageHook', 'DRWHook',
    'FACoGHook',
    'LWRScheduleHook', 'MaxNormHook'
]
