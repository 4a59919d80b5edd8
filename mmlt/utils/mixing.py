"""CutMix boxes and pasting, shared by CMO's batches and AFR's rebuilt
set."""
from typing import Tuple

import numpy as np
import torch


def cutmix_box(height: int, width: int, lam: float, cy: float,
               cx: float) -> Tuple[int, int, int, int]:
    """CutMix's box (Yun et al., ICCV 2019): sides ``sqrt(1 - lam)`` of the
    image's, centred at the fractions ``(cy, cx)``, clipped to the image.
    Returns ``(y1, y2, x1, x2)``."""
    ratio = np.sqrt(1.0 - lam)
    cut_h, cut_w = int(height * ratio), int(width * ratio)
    y, x = int(cy * height), int(cx * width)
    return (int(np.clip(y - cut_h // 2, 0,
                        height)), int(np.clip(y + cut_h // 2, 0, height)),
            int(np.clip(x - cut_w // 2, 0,
                        width)), int(np.clip(x + cut_w // 2, 0, width)))


def paste(background: torch.Tensor, patch: torch.Tensor,
          box: Tuple[int, int, int, int]) -> float:
    """Copy ``patch[..., box]`` into ``background`` in place; returns the
    background's share of the pixels, the ``lam`` of its label."""
    y1, y2, x1, x2 = box
    background[..., y1:y2, x1:x2] = patch[..., y1:y2, x1:x2]
    height, width = background.shape[-2:]
    return 1.0 - (y2 - y1) * (x2 - x1) / (height * width)
