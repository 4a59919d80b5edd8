"""One-channel images for one-channel models, whatever read them."""
import mmcv
import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS


@TRANSFORMS.register_module()
class ToGrayscale(BaseTransform):
    """Convert a colour image to one channel; a grey image passes as is.

    Grey digit sets (MNIST5k, MNIST) yield ``H x W`` arrays, but an image
    file read in colour, as mmpretrain's ``ImageClassificationInferencer``
    and ``LoadImageFromFile`` do by default, arrives as ``H x W x 3`` BGR.
    Put this transform in the test pipeline of a one-channel config so that
    both reach the model as the same one-channel image. The luma is
    ITU-R BT.601 (``mmcv.bgr2gray``, OpenCV's rounding): a grey PNG read in
    colour gives back exactly its pixels.

    Required Keys: ``img``. Modified Keys: ``img`` (``H x W``, same dtype).

    Example:
        >>> test_pipeline = [dict(type='ToGrayscale'),
        ...                  dict(type='PackInputs')]

    Args:
        color_order (str): Channel order of colour inputs, ``'bgr'`` (mmcv's
            readers) or ``'rgb'``. Defaults to ``'bgr'``.
    """

    def __init__(self, color_order: str = 'bgr'):
        if color_order not in ('bgr', 'rgb'):
            raise ValueError("ToGrayscale: `color_order` must be 'bgr' or "
                             f"'rgb', got {color_order!r}.")
        self.color_order = color_order

    def transform(self, results: dict) -> dict:
        img = results['img']
        if img.ndim == 3 and img.shape[2] == 1:
            img = img[..., 0]
        elif img.ndim == 3 and img.shape[2] in (3, 4):
            # an alpha channel carries no intensity
            img = np.ascontiguousarray(img[..., :3])
            img = (
                mmcv.bgr2gray(img)
                if self.color_order == 'bgr' else mmcv.rgb2gray(img))
        elif img.ndim != 2:
            raise ValueError(f'ToGrayscale: cannot make one channel of an '
                             f'image of shape {img.shape}.')
        results['img'] = img
        return results

    def __repr__(self) -> str:
        return f'{type(self).__name__}(color_order={self.color_order!r})'
