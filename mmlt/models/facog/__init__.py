from .facog import FACoG
from .feature_dictionary import FeatureDictionary
from .gan import (ConvexWeightGenerator, FeatureDiscriminator, lsgan_d_loss,
                  lsgan_g_loss)

__all__ = [
    'FACoG', 'FeatureDictionary', 'ConvexWeightGenerator',
    'FeatureDiscriminator', 'lsgan_d_loss', 'lsgan_g_loss'
]
