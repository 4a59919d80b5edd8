"""Training steps of config models on synthetic batches, timed: what the
speed benchmarks of ``tools/benchmark/`` share."""
import statistics
import time
from typing import Callable, Dict

import torch
from mmengine.config import Config
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmlt.datasets import lt_class_counts
from mmlt.models.utils import ClassCountsMixin

__all__ = [
    'MEAN', 'STD', 'build_model', 'synthetic_batch', 'timed',
    'alternating_medians'
]

#: Normalisation of the synthetic uint8 batches.
MEAN, STD = [123.7, 116.3, 103.5], [58.4, 57.1, 57.4]


def build_model(config: str, setting: dict, device, weight_reg=True):
    """The config's model on the shared backbone of a setting, class counts
    filled.

    Args:
        config (str): The config file.
        setting (dict): ``backbone`` (its config), ``channels`` (its
            feature dimension) and ``num_classes``.
        device (torch.device | str): Where the model goes.
        weight_reg (bool): False drops the head's weight regulariser
            (LWR).

    Returns:
        torch.nn.Module: The model, initialised, with the class counts of
        an IF=100 long tail of 500 images for the largest class.
    """
    cfg = Config.fromfile(config).model
    cfg.backbone = setting['backbone']
    channels = setting['channels']
    if cfg.head.type == 'ETFHead' and channels < setting['num_classes']:
        # a K-class simplex ETF needs >= K-d features: ResNet-32 at width
        # 32 (128-d), as mmlt's CIFAR-100 ETF configs use
        cfg.backbone = dict(setting['backbone'], base_channels=32)
        channels = 128
    cfg.head.num_classes = setting['num_classes']
    cfg.head.in_channels = channels
    if cfg.head.get('weight_reg'):
        cfg.head.weight_reg.in_channels = channels
        if not weight_reg:
            cfg.head.weight_reg = None
    if 'num_classes' in cfg.head.loss:
        cfg.head.loss.num_classes = setting['num_classes']
    cfg.data_preprocessor = dict(
        type='ClsDataPreprocessor',
        num_classes=setting['num_classes'],
        mean=MEAN,
        std=STD)
    model = MODELS.build(cfg)
    model.init_weights()
    counts = lt_class_counts(500, setting['num_classes'], 100)
    for module in model.modules():
        if isinstance(module, ClassCountsMixin):
            module.set_class_counts(counts)
    return model.to(device)


def synthetic_batch(setting: dict) -> dict:
    """A uint8 image batch of ``setting['batch']`` images of
    ``setting['size']`` pixels a side, with labels, as the dataloader would
    give."""
    size, batch = setting['size'], setting['batch']
    return dict(
        inputs=torch.randint(
            0, 256, (batch, 3, size, size), dtype=torch.uint8),
        data_samples=[
            DataSample().set_gt_label(i % setting['num_classes'])
            for i in range(batch)
        ])


def timed(step: Callable[[], object], device: torch.device) -> float:
    """Seconds of one call of ``step()``, synchronised on GPU."""
    if device.type == 'cuda':
        torch.cuda.synchronize()
    start = time.perf_counter()
    step()
    if device.type == 'cuda':
        torch.cuda.synchronize()
    return time.perf_counter() - start


def alternating_medians(steps: Dict[str, Callable[[], object]],
                        device: torch.device, warmup: int,
                        repeats: int) -> Dict[str, float]:
    """Median seconds of each of ``steps`` (name -> callable), run in
    alternating order (A B, B A, ...) so that machine noise hits all alike;
    the first ``warmup`` rounds are not counted."""
    names = list(steps)
    times = {name: [] for name in names}
    for i in range(warmup + repeats):
        for name in (names if i % 2 == 0 else names[::-1]):
            elapsed = timed(steps[name], device)
            if i >= warmup:
                times[name].append(elapsed)
    return {name: statistics.median(v) for name, v in times.items()}
