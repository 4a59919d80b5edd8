# Long-tailed noisy labels on MNIST5k-LT (configs/noisy_label): CE and
# LDAM-DRW at symmetric noise rates 0.2 and 0.4 (drawn once, seed 0),
# IF 10 and 100, ResNet-8, seeds 0-2, the main suite's 1,500 iterations;
# the clean-label rows are the main suite's CE and LDAM-DRW.
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt_noisy.py \
#       --jobs 2 --out docs/benchmark/mnist5k_lt_noisy.json
_c = 'configs/noisy_label/'
_r02 = {'train_dataloader.dataset.rate': 0.2}
methods = [
    # RCAL's stage 1 (contrastive pre-training, no labels: one per IF and
    # seed, shared by every noise rate); RCAL's rows train from it
    dict(
        name='SimCLR pre-training',
        config='configs/ssl/simclr_r8_mnist5k-lt-if100.py'),
    dict(
        name='CE r=0.2',
        config=_c + 'ce_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_r02),
    dict(name='CE r=0.4', config=_c + 'ce_r8_mnist5k-lt-if100-sym0.4.py'),
    dict(
        name='LDAM-DRW r=0.2',
        config=_c + 'ldam-drw_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_r02),
    dict(
        name='LDAM-DRW r=0.4',
        config=_c + 'ldam-drw_r8_mnist5k-lt-if100-sym0.4.py'),
]
imb_factors = [10, 100]
seeds = [0, 1, 2]
records = 'docs/benchmark/runs/mnist5k_lt_noisy'
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
pending = []
