"""Training-step time and peak memory of each suite method, relative to CE.

Every method's model (its head, loss and extras as configured) is rebuilt
on one shared backbone and batch: on CPU ResNet-32 at 32x32, batch 128,
100 classes; on GPU (``--device cuda``) ResNet-50 at 224x224, batch 256,
1,000 classes, with AMP. Each method runs in its own process; peak memory
is the growth of the process's peak RSS during the steps (CPU) or
``torch.cuda.max_memory_allocated`` (GPU).

Example:
    python tools/benchmark/speed_suite.py configs/benchmark/mnist5k_lt.py
    python tools/benchmark/speed_suite.py configs/benchmark/mnist5k_lt.py \
        --device cuda --out speed_gpu.json
"""
import argparse
import json
import os.path as osp
import resource
import statistics
import subprocess
import sys
import time

REPO = osp.abspath(osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))
sys.path.insert(0, REPO)

#: Normalisation of the synthetic uint8 batches.
MEAN, STD = [123.7, 116.3, 103.5], [58.4, 57.1, 57.4]

SETTINGS = dict(
    cpu=dict(backbone=dict(type='ResNetLDAM', depth=32), channels=64,
             size=32, batch=128, num_classes=100, amp=False),
    cuda=dict(backbone=dict(type='ResNet', depth=50, out_indices=(3, )),
              channels=2048, size=224, batch=256, num_classes=1000,
              amp=True))


def build_model(config: str, setting: dict, device, weight_reg=True):
    """The config's model on the shared backbone, class counts filled;
    ``weight_reg=False`` drops the head's weight regulariser (LWR)."""
    from mmengine.config import Config
    from mmpretrain.registry import MODELS

    import mmlt  # noqa: F401
    from mmlt.datasets import lt_class_counts
    from mmlt.models.utils import ClassCountsMixin
    cfg = Config.fromfile(osp.join(REPO, config)).model
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
        type='ClsDataPreprocessor', num_classes=setting['num_classes'],
        mean=MEAN, std=STD)
    model = MODELS.build(cfg)
    model.init_weights()
    counts = lt_class_counts(500, setting['num_classes'], 100)
    for module in model.modules():
        if isinstance(module, ClassCountsMixin):
            module.set_class_counts(counts)
    return model.to(device)


def synthetic_batch(setting: dict) -> dict:
    """A uint8 image batch with labels, as the dataloader would give."""
    import torch
    from mmpretrain.structures import DataSample
    size, batch = setting['size'], setting['batch']
    return dict(
        inputs=torch.randint(0, 256, (batch, 3, size, size),
                             dtype=torch.uint8),
        data_samples=[DataSample().set_gt_label(i % setting['num_classes'])
                      for i in range(batch)])


def timed(step, device) -> float:
    """Seconds of one call of ``step()``, synchronised on GPU."""
    import torch
    if device.type == 'cuda':
        torch.cuda.synchronize()
    start = time.perf_counter()
    step()
    if device.type == 'cuda':
        torch.cuda.synchronize()
    return time.perf_counter() - start


def timed_step(model, data: dict, optim_wrapper, device) -> float:
    """Seconds of one ``train_step``, synchronised on GPU."""
    return timed(lambda: model.train_step(dict(data), optim_wrapper), device)


def alternating_medians(steps: dict, device, warmup: int,
                        repeats: int) -> dict:
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


def measure(config: str, device_name: str, steps: int, warmup: int) -> dict:
    import torch
    from mmengine.optim import AmpOptimWrapper, OptimWrapper
    setting = SETTINGS[device_name]
    device = torch.device(device_name)
    torch.manual_seed(0)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    model = build_model(config, setting, device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9,
                                weight_decay=2e-4)
    optim_wrapper = (AmpOptimWrapper(optimizer=optimizer)
                     if setting['amp'] else OptimWrapper(optimizer))
    data = synthetic_batch(setting)
    model.train()
    if device.type == 'cuda':
        torch.cuda.reset_peak_memory_stats()
    times = [timed_step(model, data, optim_wrapper, device)
             for _ in range(warmup + steps)][warmup:]
    step = statistics.median(times)
    if device.type == 'cuda':
        peak_mb = torch.cuda.max_memory_allocated() / 2**20
    else:
        peak_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss -
                   rss_before) / 1024
    return dict(step_s=step, images_per_s=setting['batch'] / step,
                peak_mb=peak_mb, feature_dim=model.head.in_channels)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('suite')
    parser.add_argument('--device', default='cpu', choices=['cpu', 'cuda'])
    parser.add_argument('--steps', type=int, default=10)
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--out', default=None)
    parser.add_argument('--single', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        print(json.dumps(measure(args.single, args.device, args.steps,
                                 args.warmup)))
        return
    from run_suite import load_suite
    suite = load_suite(args.suite)
    rows = []
    for method in suite['methods']:
        proc = subprocess.run(
            [sys.executable, __file__, args.suite, '--single',
             method['config'], '--device', args.device, '--steps',
             str(args.steps), '--warmup', str(args.warmup)],
            cwd=REPO, capture_output=True, text=True, check=True)
        row = dict(method=method['name'],
                   **json.loads(proc.stdout.strip().splitlines()[-1]))
        rows.append(row)
        print(f'{row["method"]}: {row["step_s"] * 1000:.0f} ms/step, '
              f'{row["images_per_s"]:.0f} img/s, peak {row["peak_mb"]:.0f} '
              'MB', flush=True)
    base = rows[0]
    setting = SETTINGS[args.device]
    lines = [f'{args.device}: {setting["backbone"]["type"]}-'
             f'{setting["backbone"]["depth"]}, {setting["size"]}x'
             f'{setting["size"]}, batch {setting["batch"]}'
             f'{", AMP" if setting["amp"] else ""}; ratios to '
             f'{base["method"]}\n',
             '| method | feature dim | step (ms) | images/s | step ratio | '
             'peak memory (MB) | memory ratio |',
             '|---|---|---|---|---|---|---|']
    for row in rows:
        row['step_ratio'] = row['step_s'] / base['step_s']
        row['memory_ratio'] = row['peak_mb'] / max(base['peak_mb'], 1e-9)
        lines.append(f'| {row["method"]} | {row["feature_dim"]} | '
                     f'{row["step_s"] * 1000:.0f} | '
                     f'{row["images_per_s"]:.0f} | {row["step_ratio"]:.2f} '
                     f'| {row["peak_mb"]:.0f} | {row["memory_ratio"]:.2f} |')
    print('\n'.join(lines))
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(dict(device=args.device, rows=rows), f, indent=1)


if __name__ == '__main__':
    main()
