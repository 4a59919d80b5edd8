# The MNIST5k-LT benchmark suite: every landed mmlt method on the bundled
# real digits, same ResNet-8 and schedule (30 epochs, batch 64, SGD 0.1,
# cosine), IF 10 and 100, seeds 0-2. Two-stage methods (cRT, LWS, WB) add
# their 10-epoch classifier stage on top of the same 30 epochs. Post-hoc
# parameters are the papers' defaults (tau = 1) except where a config says
# it took them from tools/search_posthoc.py on the validation split.
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt.py \
#       --jobs 2
#   python tools/benchmark/report.py \
#       work_dirs/benchmark/mnist5k_lt/results.json \
#       --plots-dir docs/benchmark --readme README.md
_c = 'configs/'
methods = [
    dict(name='CE', config=_c + 'baseline/ce_r8_mnist5k-lt-if100.py'),
    dict(name='BS', config=_c + 'balanced_softmax/bs_r8_mnist5k-lt-if100.py'),
    dict(name='BS+LWR', config=_c + 'lwr/bs_lwr_r8_mnist5k-lt-if100.py'),
    dict(
        name='LA (loss)',
        config=_c + 'logit_adjustment/la-loss_r8_mnist5k-lt-if100.py'),
    dict(
        name='LA (post-hoc)',
        config=_c + 'logit_adjustment/la-posthoc_r8_mnist5k-lt-if100.py'),
    dict(
        name='LA (post-hoc, mult.)',
        config=_c + 'logit_adjustment/la-mult-posthoc_r8_mnist5k-lt-if100.py'),
    dict(
        name='LDAM-DRW',
        config=_c + 'ldam_drw/ldam-drw_r8_mnist5k-lt-if100.py'),
    dict(
        name='CB-focal',
        config=_c + 'class_balanced/cb-focal_r8_mnist5k-lt-if100.py'),
    dict(name='VS', config=_c + 'vs/vs_r8_mnist5k-lt-if100.py'),
    dict(
        name='Threshold moving',
        config=_c + 'threshold_moving/tm_r8_mnist5k-lt-if100.py'),
    dict(name='cRT', config=_c + 'decoupling/crt_r8_mnist5k-lt-if100.py'),
    dict(name='LWS', config=_c + 'decoupling/lws_r8_mnist5k-lt-if100.py'),
    dict(
        name='tau-norm',
        config=_c + 'decoupling/tau-norm_r8_mnist5k-lt-if100.py'),
    dict(name='NCM', config=_c + 'decoupling/ncm_r8_mnist5k-lt-if100.py'),
    dict(name='WB', config=_c + 'weight_balancing/wb_r8_mnist5k-lt-if100.py'),
    dict(
        name='WD&FR&ETF&LA (add.)',
        config=_c + 'weight_balancing/wd-fr-etf-la_r8_mnist5k-lt-if100.py'),
    dict(
        name='WD&FR&ETF&LA (mult.)',
        config=_c +
        'weight_balancing/wd-fr-etf-mult-la_r8_mnist5k-lt-if100.py'),
    dict(name='ETF+CE', config=_c + 'etf/etf-ce_r8_mnist5k-lt-if100.py'),
    dict(name='ETF+DR', config=_c + 'etf/etf-dr_r8_mnist5k-lt-if100.py'),
]
imb_factors = [10, 100]
seeds = [0, 1, 2]
# Options of every run: keep only the last checkpoint.
cfg_options = {'default_hooks.checkpoint.interval': 1000}
# --quick: one seed, one imbalance factor
quick = dict(seeds=[0], imb_factors=[100])
# FACoG, CMO and AFR have their own suites (their recipes are longer than
# this suite's 30 epochs): configs/benchmark/mnist5k_lt_facog.py and
# configs/benchmark/mnist5k_lt_afr.py.
pending = []
