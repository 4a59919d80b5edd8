from .minority import (fit_minority_probe, minority_centroids, minority_split,
                       select_attacked)
from .pgd import centroid_score, pgd_toward, probe_score
from .rebuild import AFRRound, build_manifest, manifest_summary

__all__ = [
    'minority_split', 'fit_minority_probe', 'minority_centroids',
    'select_attacked', 'pgd_toward', 'probe_score', 'centroid_score',
    'AFRRound', 'build_manifest', 'manifest_summary'
]
