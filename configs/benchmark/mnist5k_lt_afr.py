# AFR on the bundled real digits: balanced softmax, BS + CMO (30 epochs) and
# AFR (the BS + CMO run plus 10 epochs of AFR fine-tuning, a rebuild every
# 2 epochs) and its ablations, MNIST5k-LT IF=100, seeds 0-2.
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt_afr.py \
#       --work-root work_dirs/benchmark/afr --jobs 2 \
#       --out docs/benchmark/mnist5k_lt_afr.json
_c = 'configs/'
methods = [
    dict(name='BS', config=_c + 'balanced_softmax/bs_r8_mnist5k-lt-if100.py'),
    dict(name='BS+CMO', config=_c + 'cmo/bs_cmo_r8_mnist5k-lt-if100.py'),
    dict(name='AFR', config=_c + 'afr/afr_bs-cmo_r8_mnist5k-lt-if100.py'),
    # ablations (Table 2 layout): the same 10 fine-tuning epochs without
    # the attack (oversampled originals + CutMix), without the CutMix
    # share, and with PGD toward the minority centroid instead of the probe
    dict(
        name='AFR w/o attack',
        config=_c + 'afr/afr_bs-cmo_r8_mnist5k-lt-if100.py',
        cfg_options={'custom_hooks.AFRHook.attack_share': 0.0}),
    dict(
        name='AFR w/o CutMix',
        config=_c + 'afr/afr_bs-cmo_r8_mnist5k-lt-if100.py',
        cfg_options={'custom_hooks.AFRHook.mix_share': 0.0}),
    # lambda chosen on the validation split by mnist5k_lt_afr_lambda.py
    dict(
        name='AFR (lambda 0.6 from val)',
        config=_c + 'afr/afr_bs-cmo_r8_mnist5k-lt-if100.py',
        cfg_options={'custom_hooks.AFRHook.lam': 0.6}),
    dict(
        name='AFR (centroid PGD)',
        config=_c + 'afr/afr_bs-cmo_r8_mnist5k-lt-if100.py',
        cfg_options={'custom_hooks.AFRHook.objective': 'centroid'}),
]
imb_factors = [100]
seeds = [0, 1, 2]
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
