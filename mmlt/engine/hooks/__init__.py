from .afr_hook import AFRHook
from .class_counts_hook import ClassCountsHook
from .class_mean_hook import ClassMeanHook
from .classifier_stage_hook import ClassifierStageHook
from .cmo_hook import CMOHook
from .epoch_seed_hook import EpochSeedHook
from .facog_hook import FACoGHook
from .max_norm_hook import MaxNormHook
from .memorization_score_hook import MemorizationScoreHook
from .posthoc_search_hook import PosthocSearchHook
from .pseudo_label_hook import PseudoLabelHook, pseudo_label_quality
from .representation_calibration_hook import RepresentationCalibrationHook
from .schedule_hooks import DRWHook, LWRScheduleHook
from .strict_load_hook import StrictLoadHook
from .temperature_schedule_hook import TemperatureScheduleHook

__all__ = [
    'AFRHook', 'ClassCountsHook', 'ClassMeanHook', 'ClassifierStageHook',
    'CMOHook', 'DRWHook', 'EpochSeedHook', 'FACoGHook', 'LWRScheduleHook',
    'MaxNormHook', 'MemorizationScoreHook', 'PosthocSearchHook',
    'RepresentationCalibrationHook', 'StrictLoadHook', 'PseudoLabelHook',
    'pseudo_label_quality', 'TemperatureScheduleHook'
]
