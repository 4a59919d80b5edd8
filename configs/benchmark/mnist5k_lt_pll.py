# Long-tailed partial labels on MNIST5k-LT IF=100 (configs/partial_label):
# PRODEN, PRODEN + RECORDS and PRODEN + the oracle prior, ambiguity q = 0.3
# and 0.5 (candidate sets drawn once, seed 0), ResNet-8, seeds 0-2, the
# main suite's 1,500 iterations. CE on the true labels is the main suite's
# CE row.
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt_pll.py \
#       --jobs 2 --out docs/benchmark/mnist5k_lt_pll.json
_c = 'configs/partial_label/'
_q05 = {'train_dataloader.dataset.q': 0.5}
methods = [
    dict(
        name='PRODEN q=0.3', config=_c + 'proden_r8_mnist5k-lt-if100-q0.3.py'),
    dict(
        name='PRODEN+RECORDS q=0.3',
        config=_c + 'proden-records_r8_mnist5k-lt-if100-q0.3.py'),
    dict(
        name='PRODEN+oracle prior q=0.3',
        config=_c + 'proden-oracle_r8_mnist5k-lt-if100-q0.3.py'),
    dict(
        name='PRODEN q=0.5',
        config=_c + 'proden_r8_mnist5k-lt-if100-q0.3.py',
        cfg_options=_q05),
    dict(
        name='PRODEN+RECORDS q=0.5',
        config=_c + 'proden-records_r8_mnist5k-lt-if100-q0.3.py',
        cfg_options=_q05),
    dict(
        name='PRODEN+oracle prior q=0.5',
        config=_c + 'proden-oracle_r8_mnist5k-lt-if100-q0.3.py',
        cfg_options=_q05),
]
imb_factors = [100]
seeds = [0, 1, 2]
records = 'docs/benchmark/runs/mnist5k_lt_pll'
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
pending = []
