"""mmlt's training step against a plain PyTorch loop of the same model.

Both sides train the same network (``ResNetLDAM`` + global average pooling
+ linear) from the same uint8 batch with SGD: mmlt through
``ImageClassifier.train_step`` (data preprocessor, head, loss, optim
wrapper), the plain loop by hand. Steps alternate between the two so that
machine noise hits both alike; the median step time is reported.

Example:
    python tools/benchmark/step_time.py --depth 32 --batch 128 --size 32
"""
import argparse
import json
import os.path as osp

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.optim import OptimWrapper

from mmlt.benchmark.step_timing import (MEAN, STD, alternating_medians,
                                        build_model, synthetic_batch)
from mmlt.models import ResNetLDAM

REPO = osp.abspath(osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))
CE_CONFIG = osp.join(REPO, 'configs', 'baseline', 'ce_r8_mnist5k-lt-if100.py')


class PlainNet(nn.Module):

    def __init__(self, depth, num_classes):
        super().__init__()
        self.backbone = ResNetLDAM(depth=depth)
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        return self.fc(self.backbone(x)[0].mean((2, 3)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--depth', type=int, default=32)
    parser.add_argument('--batch', type=int, default=128)
    parser.add_argument('--size', type=int, default=32)
    parser.add_argument('--classes', type=int, default=100)
    parser.add_argument('--steps', type=int, default=20)
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--out', help='write the figures to this JSON')
    args = parser.parse_args()
    device = torch.device(args.device)
    torch.manual_seed(0)
    setting = dict(
        backbone=dict(type='ResNetLDAM', depth=args.depth),
        channels=64,
        size=args.size,
        batch=args.batch,
        num_classes=args.classes)
    # data samples come from the dataloader workers in training
    data = synthetic_batch(setting)
    images = data['inputs']
    labels = torch.cat([s.gt_label for s in data['data_samples']])

    model = build_model(CE_CONFIG, setting, device).train()
    optim_wrapper = OptimWrapper(
        torch.optim.SGD(
            model.parameters(), lr=0.1, momentum=0.9, weight_decay=2e-4))
    plain = PlainNet(args.depth, args.classes).to(device).train()
    plain_optim = torch.optim.SGD(
        plain.parameters(), lr=0.1, momentum=0.9, weight_decay=2e-4)
    mean = torch.tensor(MEAN, device=device).view(1, 3, 1, 1)
    std = torch.tensor(STD, device=device).view(1, 3, 1, 1)

    def plain_step():
        x = (images.to(device).float() - mean) / std
        loss = F.cross_entropy(plain(x), labels.to(device))
        plain_optim.zero_grad()
        loss.backward()
        plain_optim.step()

    med = alternating_medians(
        dict(
            mmlt=lambda: model.train_step(dict(data), optim_wrapper),
            plain=plain_step), device, args.warmup, args.steps)
    result = dict(
        device=str(device),
        depth=args.depth,
        batch=args.batch,
        size=args.size,
        threads=torch.get_num_threads(),
        mmlt_step_s=med['mmlt'],
        plain_step_s=med['plain'],
        ratio=med['mmlt'] / med['plain'])
    print(json.dumps(result, indent=1))
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(result, f, indent=1)


if __name__ == '__main__':
    main()
