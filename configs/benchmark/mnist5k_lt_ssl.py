# Self-supervised long-tailed learning on MNIST5k-LT IF=100
# (configs/ssl): SimCLR, SimCLR + TS, SDCLR, BCL, GH on each of them,
# and SimCLR + rwSAM; ResNet-8, seeds 0-2, the main suite's 1,500
# iterations; kNN@10 and linear-probe balanced accuracy with many / medium
# / few (FeatureProbeLoop: knn/lt/*, linear/lt/*).
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt_ssl.py \
#       --jobs 2 --out docs/benchmark/mnist5k_lt_ssl.json
_c = 'configs/ssl/'
methods = [
    dict(name='SimCLR', config=_c + 'simclr_r8_mnist5k-lt-if100.py'),
    dict(name='SimCLR+TS', config=_c + 'simclr-ts_r8_mnist5k-lt-if100.py'),
    dict(name='SDCLR', config=_c + 'sdclr_r8_mnist5k-lt-if100.py'),
    dict(name='SimCLR+GH', config=_c + 'simclr-gh_r8_mnist5k-lt-if100.py'),
    dict(
        name='SimCLR+TS+GH',
        config=_c + 'simclr-ts-gh_r8_mnist5k-lt-if100.py'),
    dict(name='SDCLR+GH', config=_c + 'sdclr-gh_r8_mnist5k-lt-if100.py'),
    dict(name='BCL', config=_c + 'bcl_r8_mnist5k-lt-if100.py'),
    dict(name='BCL+GH', config=_c + 'bcl-gh_r8_mnist5k-lt-if100.py'),
    dict(
        name='SimCLR+rwSAM',
        config=_c + 'simclr-rwsam_r8_mnist5k-lt-if100.py'),
]
imb_factors = [100]
seeds = [0, 1, 2]
records = 'docs/benchmark/runs/mnist5k_lt_ssl'
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
pending = []
