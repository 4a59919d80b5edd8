"""LWR's added cost per training step, as a ratio to the step without it.

Two models are built from the same config, one with its ``weight_reg``
(LWR) and one without, on the shared backbone of a setting; their training
steps alternate and the median times are compared.

- ``cifar``: ResNet-32, 32x32, batch 128, C=100, d=64 (ResNet-32/CIFAR-100).
- ``imagenet``: ResNet-50, 224x224, C=1000, d=2048 (the ImageNet-LT head);
  ``--batch`` defaults to 256 (minutes per step on a CPU).

Example:
    python tools/benchmark/lwr_overhead.py --setting cifar
    python tools/benchmark/lwr_overhead.py --setting imagenet --steps 2
"""
import argparse
import json
import os.path as osp

import torch
from mmengine.optim import OptimWrapper

from mmlt.benchmark.step_timing import (alternating_medians, build_model,
                                        synthetic_batch)

REPO = osp.abspath(osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))

SETTINGS = dict(
    cifar=dict(
        backbone=dict(type='ResNetLDAM', depth=32),
        channels=64,
        size=32,
        batch=128,
        num_classes=100),
    imagenet=dict(
        backbone=dict(type='ResNet', depth=50, out_indices=(3, )),
        channels=2048,
        size=224,
        batch=256,
        num_classes=1000))
CONFIG = osp.join(REPO, 'configs', 'lwr', 'bs_lwr_r8_mnist5k-lt-if100.py')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--setting', choices=sorted(SETTINGS), default='cifar')
    parser.add_argument('--batch', type=int, default=None)
    parser.add_argument('--steps', type=int, default=10)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--device', default='cpu')
    args = parser.parse_args()
    setting = dict(SETTINGS[args.setting])
    setting['batch'] = args.batch or setting['batch']
    device = torch.device(args.device)
    torch.manual_seed(0)
    models, wrappers = {}, {}
    for name, reg in (('with LWR', True), ('without', False)):
        model = build_model(CONFIG, setting, device, weight_reg=reg)
        models[name] = model.train()
        wrappers[name] = OptimWrapper(
            torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9))
    data = synthetic_batch(setting)
    med = alternating_medians(
        {
            name: (lambda name=name: models[name].train_step(
                dict(data), wrappers[name]))
            for name in models
        }, device, args.warmup, args.steps)
    print(
        json.dumps(
            dict(
                setting=args.setting,
                batch=setting['batch'],
                device=str(device),
                threads=torch.get_num_threads(),
                step_with_lwr_s=med['with LWR'],
                step_without_s=med['without'],
                ratio=med['with LWR'] / med['without']),
            indent=1))


if __name__ == '__main__':
    main()
