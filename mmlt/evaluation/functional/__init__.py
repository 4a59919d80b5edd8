from .feature_stats import (cosine_similarities, fisher_discriminant_ratio,
                            per_class_norms)

__all__ = [
    'fisher_discriminant_ratio', 'cosine_similarities', 'per_class_norms'
]
