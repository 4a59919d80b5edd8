from .resnet_ldam import ResNetLDAM

__all__ = ['ResNetLDAM']
