# Long-tailed semi-supervised learning on MNIST5k (configs/semi): labeled
# N_1 = 190 at IF=100 from the 380-image training pool, unlabeled M_1 = 190
# of the same profile (matched) or reversed (mismatched); supervised only,
# FixMatch, FixMatch + DARP, FixMatch + ABC and both; ResNet-8, seeds 0-2,
# the benchmark's 1,500 iterations of batch 64 (mu = 2). DARP's target is
# the labeled distribution when matched and the unlabeled split's declared
# (reversed) profile when not, `target='unlabeled'` (DARP's own estimate
# of a mismatched distribution is not shipped).
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt_semi.py \
#       --jobs 2 --out docs/benchmark/mnist5k_lt_semi.json
_c = 'configs/semi/'
_reversed = {
    'train_dataloader.dataset.unlabeled.unlabeled_profile': 'reversed'
}
methods = [
    dict(
        name='Supervised only',
        config=_c + 'supervised_r8_mnist5k-lt-if100-semi.py'),
    dict(name='FixMatch', config=_c + 'fixmatch_r8_mnist5k-lt-if100-semi.py'),
    dict(
        name='FixMatch+DARP',
        config=_c + 'darp-fixmatch_r8_mnist5k-lt-if100-semi.py'),
    dict(
        name='FixMatch+ABC',
        config=_c + 'abc-fixmatch_r8_mnist5k-lt-if100-semi.py'),
    dict(
        name='FixMatch+DARP+ABC',
        config=_c + 'darp-abc-fixmatch_r8_mnist5k-lt-if100-semi.py'),
    dict(
        name='FixMatch (reversed unlabeled)',
        config=_c + 'fixmatch_r8_mnist5k-lt-if100-semi.py',
        cfg_options=_reversed),
    dict(
        name='FixMatch+DARP (reversed unlabeled)',
        config=_c + 'darp-fixmatch_r8_mnist5k-lt-if100-semi.py',
        cfg_options=dict(_reversed, **{'model.target': 'unlabeled'})),
    dict(
        name='FixMatch+ABC (reversed unlabeled)',
        config=_c + 'abc-fixmatch_r8_mnist5k-lt-if100-semi.py',
        cfg_options=_reversed),
    dict(
        name='FixMatch+DARP+ABC (reversed unlabeled)',
        config=_c + 'darp-abc-fixmatch_r8_mnist5k-lt-if100-semi.py',
        cfg_options=dict(_reversed, **{'model.target': 'unlabeled'})),
]
imb_factors = [100]
seeds = [0, 1, 2]
records = 'docs/benchmark/runs/mnist5k_lt_semi'
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
pending = []
