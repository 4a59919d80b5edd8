# AFR on the bundled real digits: balanced softmax, BS + CMO (30 epochs) and
# AFR (the BS + CMO run plus 10 epochs of AFR fine-tuning, a rebuild every
# 2 epochs), MNIST5k-LT IF=100, seeds 0-2.
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt_afr.py \
#       --work-root work_dirs/benchmark/afr --jobs 2 \
#       --out docs/benchmark/mnist5k_lt_afr.json
_c = 'configs/'
methods = [
    dict(name='BS', config=_c + 'balanced_softmax/bs_r8_mnist5k-lt-if100.py'),
    dict(name='BS+CMO', config=_c + 'cmo/bs_cmo_r8_mnist5k-lt-if100.py'),
    dict(name='AFR', config=_c + 'afr/afr_bs-cmo_r8_mnist5k-lt-if100.py'),
]
imb_factors = [100]
seeds = [0, 1, 2]
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
