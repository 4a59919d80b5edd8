from .resnet_ldam import ResNetLDAM
from .self_damaging import SelfDamagingBackbone, magnitude_masks

__all__ = ['ResNetLDAM', 'SelfDamagingBackbone', 'magnitude_masks']
