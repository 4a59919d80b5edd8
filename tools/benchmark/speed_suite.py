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

REPO = osp.abspath(osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))

SETTINGS = dict(
    cpu=dict(
        backbone=dict(type='ResNetLDAM', depth=32),
        channels=64,
        size=32,
        batch=128,
        num_classes=100,
        amp=False),
    cuda=dict(
        backbone=dict(type='ResNet', depth=50, out_indices=(3, )),
        channels=2048,
        size=224,
        batch=256,
        num_classes=1000,
        amp=True))


def measure(config: str, device_name: str, steps: int, warmup: int) -> dict:
    import torch
    from mmengine.optim import AmpOptimWrapper, OptimWrapper
    setting = SETTINGS[device_name]
    device = torch.device(device_name)
    torch.manual_seed(0)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # mmlt is imported after rss_before, as for every figure measured so far
    from mmlt.benchmark.step_timing import build_model, synthetic_batch, timed
    model = build_model(osp.join(REPO, config), setting, device)
    optimizer = torch.optim.SGD(
        model.parameters(), lr=0.1, momentum=0.9, weight_decay=2e-4)
    optim_wrapper = (
        AmpOptimWrapper(optimizer=optimizer)
        if setting['amp'] else OptimWrapper(optimizer))
    data = synthetic_batch(setting)
    model.train()
    if device.type == 'cuda':
        torch.cuda.reset_peak_memory_stats()
    times = [
        timed(lambda: model.train_step(dict(data), optim_wrapper), device)
        for _ in range(warmup + steps)
    ][warmup:]
    step = statistics.median(times)
    if device.type == 'cuda':
        peak_mb = torch.cuda.max_memory_allocated() / 2**20
    else:
        peak_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss -
                   rss_before) / 1024
    return dict(
        step_s=step,
        images_per_s=setting['batch'] / step,
        peak_mb=peak_mb,
        feature_dim=model.head.in_channels)


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
        print(
            json.dumps(
                measure(args.single, args.device, args.steps, args.warmup)))
        return
    from mmlt.benchmark.suite import load_suite
    suite = load_suite(args.suite)
    rows = []
    for method in suite['methods']:
        proc = subprocess.run([
            sys.executable, __file__, args.suite, '--single', method['config'],
            '--device', args.device, '--steps',
            str(args.steps), '--warmup',
            str(args.warmup)
        ],
                              cwd=REPO,
                              capture_output=True,
                              text=True,
                              check=True)
        row = dict(
            method=method['name'],
            **json.loads(proc.stdout.strip().splitlines()[-1]))
        rows.append(row)
        print(
            f'{row["method"]}: {row["step_s"] * 1000:.0f} ms/step, '
            f'{row["images_per_s"]:.0f} img/s, peak {row["peak_mb"]:.0f} '
            'MB',
            flush=True)
    base = rows[0]
    setting = SETTINGS[args.device]
    lines = [
        f'{args.device}: {setting["backbone"]["type"]}-'
        f'{setting["backbone"]["depth"]}, {setting["size"]}x'
        f'{setting["size"]}, batch {setting["batch"]}'
        f'{", AMP" if setting["amp"] else ""}; ratios to '
        f'{base["method"]}\n',
        '| method | feature dim | step (ms) | images/s | step ratio | '
        'peak memory (MB) | memory ratio |', '|---|---|---|---|---|---|---|'
    ]
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
