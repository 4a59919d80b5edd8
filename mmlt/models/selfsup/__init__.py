from .geometric_harmonization import (GeometricHarmonization, gh_loss,
                                      sinkhorn_allocation)

__all__ = ['GeometricHarmonization', 'gh_loss', 'sinkhorn_allocation']
