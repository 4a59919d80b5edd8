# The MNIST5k-LT benchmark suite: every landed mmlt method on the bundled
# real digits, same ResNet-8, same 30-epoch budget, IF 10 and 100, seeds 0-2.
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt.py --jobs 2
#   python tools/benchmark/report.py work_dirs/benchmark/mnist5k_lt/results.json \
#       --plots-dir docs/benchmark --readme README.md
methods = [
    dict(name='CE', config='configs/baseline/ce_r8_mnist5k-lt-if100.py'),
]
imb_factors = [10, 100]
seeds = [0, 1, 2]
# The shared budget; every method's config already trains 30 epochs of
# ResNet-8 at batch 64 and validates at the end.
cfg_options = {
    'train_cfg.max_epochs': 30,
    'default_hooks.checkpoint.interval': 30,
}
# --quick: one seed, one imbalance factor
quick = dict(seeds=[0], imb_factors=[100])
# Methods of the toolbox not implemented yet (shown as pending).
pending = [
    'BS', 'LA (loss)', 'LA (post-hoc)', 'LDAM-DRW', 'CB-focal', 'VS', 'cRT',
    'LWS', 'tau-norm', 'NCM', 'BS+LWR', 'WB', 'WD&FR&ETF&LA', 'ETF+DR',
    'FACoG', 'CMO', 'AFR'
]
