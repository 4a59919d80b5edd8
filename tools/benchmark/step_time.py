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
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.optim import OptimWrapper

sys.path.insert(0, osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))
import mmlt  # noqa: E402,F401
from mmpretrain.registry import MODELS  # noqa: E402
from mmpretrain.structures import DataSample  # noqa: E402

MEAN, STD = [125.3, 123.0, 113.9], [63.0, 62.1, 66.7]


def build_mmlt(depth, num_classes, device):
    model = MODELS.build(
        dict(
            type='ImageClassifier',
            backbone=dict(type='ResNetLDAM', depth=depth),
            neck=dict(type='GlobalAveragePooling'),
            head=dict(type='LinearClsHead', num_classes=num_classes,
                      in_channels=64,
                      loss=dict(type='CrossEntropyLoss')),
            data_preprocessor=dict(type='ClsDataPreprocessor', mean=MEAN,
                                   std=STD, num_classes=num_classes)))
    model.init_weights()
    model.to(device)
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.1,
                                         momentum=0.9, weight_decay=2e-4))
    return model, optim


class PlainNet(nn.Module):

    def __init__(self, depth, num_classes):
        super().__init__()
        self.backbone = MODELS.build(dict(type='ResNetLDAM', depth=depth))
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
    images = torch.randint(0, 256, (args.batch, 3, args.size, args.size),
                           dtype=torch.uint8)
    labels = torch.randint(0, args.classes, (args.batch, ))

    model, optim_wrapper = build_mmlt(args.depth, args.classes, device)
    # data samples come from the dataloader workers in training
    data = dict(inputs=images,
                data_samples=[DataSample().set_gt_label(int(y))
                              for y in labels])

    plain = PlainNet(args.depth, args.classes).to(device)
    plain_optim = torch.optim.SGD(plain.parameters(), lr=0.1, momentum=0.9,
                                  weight_decay=2e-4)
    mean = torch.tensor(MEAN, device=device).view(1, 3, 1, 1)
    std = torch.tensor(STD, device=device).view(1, 3, 1, 1)

    def plain_step():
        x = (images.to(device).float() - mean) / std
        loss = F.cross_entropy(plain(x), labels.to(device))
        plain_optim.zero_grad()
        loss.backward()
        plain_optim.step()

    def mmlt_step():
        model.train_step(data, optim_wrapper)

    def timed(step):
        if device.type == 'cuda':
            torch.cuda.synchronize()
        start = time.perf_counter()
        step()
        if device.type == 'cuda':
            torch.cuda.synchronize()
        return time.perf_counter() - start

    model.train()
    plain.train()
    times = dict(mmlt=[], plain=[])
    for i in range(args.warmup + args.steps):
        order = (('mmlt', mmlt_step), ('plain', plain_step))
        for name, step in (order if i % 2 == 0 else order[::-1]):
            elapsed = timed(step)
            if i >= args.warmup:
                times[name].append(elapsed)
    med = {k: statistics.median(v) for k, v in times.items()}
    result = dict(
        device=str(device), depth=args.depth, batch=args.batch,
        size=args.size, threads=torch.get_num_threads(),
        mmlt_step_s=med['mmlt'], plain_step_s=med['plain'],
        ratio=med['mmlt'] / med['plain'])
    print(json.dumps(result, indent=1))
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(result, f, indent=1)


if __name__ == '__main__':
    main()
