# FACoG and its ablations on MNIST5k-LT IF=100 with the shared budget
# (ResNet-8, 30 epochs in all: 20 of phase 1 on images + 10 of phase 2 on
# dictionary features), seeds 0-2.
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt_facog.py \
#       --work-root work_dirs/facog --jobs 2
#   python tools/benchmark/report.py work_dirs/facog/results.json
_c = 'configs/'
methods = [
    dict(name='CE', config=_c + 'baseline/ce_r8_mnist5k-lt-if100.py'),
    dict(
        name='FACoG phase 1 only',
        config=_c + 'facog/facog-phase1_r8_mnist5k-lt-if100.py'),
    dict(
        name='phase 1 + L_adv',
        config=_c + 'facog/facog-adv_r8_mnist5k-lt-if100.py'),
    dict(
        name='phase 1 + L_asc',
        config=_c + 'facog/facog-asc_r8_mnist5k-lt-if100.py'),
    dict(name='FACoG', config=_c + 'facog/facog_r8_mnist5k-lt-if100.py'),
]
imb_factors = [100]
seeds = [0, 1, 2]
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
