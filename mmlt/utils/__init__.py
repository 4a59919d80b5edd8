from .checkpoint import (AtomicLocalBackend, checkpoint_error,
                         checkpoint_to_resume)
from .features import extract_features, gather_outputs, iter_features
from .mixing import cutmix_box, paste
from .plots import (plot_per_class_vs_count, plot_pseudo_label_quality,
                    pseudo_label_curves)
from .results import LT_KEYS, format_lt_table, read_final_metrics
from .seeds import derive_seed

__all__ = [
    'AtomicLocalBackend', 'checkpoint_error', 'checkpoint_to_resume',
    'LT_KEYS', 'format_lt_table', 'read_final_metrics',
    'plot_per_class_vs_count', 'plot_pseudo_label_quality',
    'pseudo_label_curves', 'extract_features', 'iter_features',
    'gather_outputs', 'cutmix_box', 'paste', 'derive_seed'
]
