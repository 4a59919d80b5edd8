# Long-tailed noisy labels on MNIST5k-LT (configs/noisy_label): CE,
# LDAM-DRW and RCAL at symmetric noise rates 0.2 and 0.4 (drawn once,
# seed 0), RCAL's ablation and CE + Mixup at 0.4, IF 10 and 100,
# ResNet-8, seeds 0-2, the main suite's 1,500 iterations (RCAL's after
# its SimCLR pre-training of as many); the clean-label rows are the main
# suite's CE and LDAM-DRW.
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt_noisy.py \
#       --jobs 2 --out docs/benchmark/mnist5k_lt_noisy.json
_c = 'configs/noisy_label/'
_r02 = {'train_dataloader.dataset.rate': 0.2}
_simclr = 'SimCLR pre-training'
# RCAL's ablation (the tutorial's table), at r=0.4 and 0.2: each row drops
# one more part; "w/o Mixup, REG, DC, CL" is the CE row
_no_reg = {'model.reg_weight': 0.0}
_no_dc = {'model.reg_weight': 0.0, 'model.sample_weight': 0.0}
methods = [
    # RCAL's stage 1 (contrastive pre-training, no labels: one per IF and
    # seed, shared by every noise rate); RCAL's rows train from it
    dict(name=_simclr, config='configs/ssl/simclr_r8_mnist5k-lt-if100.py'),
    dict(name='CE r=0.4', config=_c + 'ce_r8_mnist5k-lt-if100-sym0.4.py'),
    dict(
        name='RCAL r=0.4',
        config=_c + 'rcal_r8_mnist5k-lt-if100-sym0.4.py',
        load_from=_simclr),
    dict(
        name='RCAL w/o Mixup r=0.4',
        config=_c + 'rcal-nomixup_r8_mnist5k-lt-if100-sym0.4.py',
        load_from=_simclr),
    dict(
        name='RCAL w/o Mixup, REG r=0.4',
        config=_c + 'rcal-nomixup_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_no_reg,
        load_from=_simclr),
    dict(
        name='RCAL w/o Mixup, REG, DC r=0.4',
        config=_c + 'rcal-nomixup_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_no_dc,
        load_from=_simclr),
    dict(
        name='CE r=0.2',
        config=_c + 'ce_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_r02),
    dict(
        name='RCAL r=0.2',
        config=_c + 'rcal_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_r02,
        load_from=_simclr),
    # Mixup alone on the CE row: how much of RCAL's gain is Mixup's
    dict(
        name='CE + Mixup r=0.4',
        config=_c + 'ce-mixup_r8_mnist5k-lt-if100-sym0.4.py'),
    dict(
        name='LDAM-DRW r=0.4',
        config=_c + 'ldam-drw_r8_mnist5k-lt-if100-sym0.4.py'),
    dict(
        name='LDAM-DRW r=0.2',
        config=_c + 'ldam-drw_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_r02),
    dict(
        name='RCAL w/o Mixup r=0.2',
        config=_c + 'rcal-nomixup_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_r02,
        load_from=_simclr),
    dict(
        name='RCAL w/o Mixup, REG r=0.2',
        config=_c + 'rcal-nomixup_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options={
            **_r02,
            **_no_reg
        },
        load_from=_simclr),
    dict(
        name='RCAL w/o Mixup, REG, DC r=0.2',
        config=_c + 'rcal-nomixup_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options={
            **_r02,
            **_no_dc
        },
        load_from=_simclr),
    dict(
        name='CE + Mixup r=0.2',
        config=_c + 'ce-mixup_r8_mnist5k-lt-if100-sym0.4.py',
        cfg_options=_r02),
]
imb_factors = [10, 100]
seeds = [0, 1, 2]
records = 'docs/benchmark/runs/mnist5k_lt_noisy'
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
pending = []
