# The MNIST5k-LT benchmark suite: every landed mmlt method on the bundled
# real digits, ResNet-8, IF 10 and 100, seeds 0-2, at the converged budget
# of docs/benchmark/budget.md: 1,500 iterations of batch 64 for every
# backbone (configs/_base_/schedules/mnist5k.py), later stages at the share
# their paper gives them. Post-hoc methods are evaluated on the CE run of
# the same seed and IF (`test_on`), cRT / LWS re-train the classifier of
# that run (`load_from`, Kang et al.'s protocol), as are the two post-hoc
# rows of WD&FR&ETF and AFR's fine-tuning of the BS+CMO run. Records of
# finished runs are committed under docs/benchmark/runs/mnist5k_lt/, so the
# suite can be finished over several sittings:
#   python tools/benchmark/run_suite.py configs/benchmark/mnist5k_lt.py \
#       --jobs 2 --stop-after 120 --out docs/benchmark/mnist5k_lt.json
#   python tools/benchmark/report.py docs/benchmark/mnist5k_lt.json \
#       --plots-dir docs/benchmark --readme README.md
# Methods run in this order (CE and the methods on its checkpoint first).
_c = 'configs/'
_classifier_stage = {
    'train_cfg.max_epochs': 11,
    'train_cfg.stages.classifier': 0
}
# FACoG's phase 2 alone on the phase-1 checkpoint: its 67 epochs
_facog_phase2 = {'train_cfg.max_epochs': 67, 'train_cfg.stages.phase2': 0}
methods = [
    dict(name='CE', config=_c + 'baseline/ce_r8_mnist5k-lt-if100.py'),
    dict(
        name='LA (post-hoc)',
        config=_c + 'logit_adjustment/la-posthoc_r8_mnist5k-lt-if100.py',
        test_on='CE'),
    dict(
        name='LA (post-hoc, mult.)',
        config=_c + 'logit_adjustment/la-mult-posthoc_r8_mnist5k-lt-if100.py',
        test_on='CE'),
    dict(
        name='Threshold moving',
        config=_c + 'threshold_moving/tm_r8_mnist5k-lt-if100.py',
        test_on='CE'),
    dict(
        name='tau-norm',
        config=_c + 'decoupling/tau-norm_r8_mnist5k-lt-if100.py',
        test_on='CE'),
    dict(
        name='NCM',
        config=_c + 'decoupling/ncm_r8_mnist5k-lt-if100.py',
        test_on='CE'),
    dict(
        name='cRT',
        config=_c + 'decoupling/crt_r8_mnist5k-lt-if100.py',
        load_from='CE',
        cfg_options=_classifier_stage),
    dict(
        name='LWS',
        config=_c + 'decoupling/lws_r8_mnist5k-lt-if100.py',
        load_from='CE',
        cfg_options=_classifier_stage),
    dict(
        name='WD&FR&ETF',
        config=_c + 'weight_balancing/wd-fr-etf_r8_mnist5k-lt-if100.py'),
    dict(
        name='WD&FR&ETF&LA (add.)',
        config=_c + 'weight_balancing/wd-fr-etf-la_r8_mnist5k-lt-if100.py',
        test_on='WD&FR&ETF'),
    dict(
        name='WD&FR&ETF&LA (mult.)',
        config=_c +
        'weight_balancing/wd-fr-etf-mult-la_r8_mnist5k-lt-if100.py',
        test_on='WD&FR&ETF'),
    dict(name='BS', config=_c + 'balanced_softmax/bs_r8_mnist5k-lt-if100.py'),
    dict(name='BS+LWR', config=_c + 'lwr/bs_lwr_r8_mnist5k-lt-if100.py'),
    dict(name='WB', config=_c + 'weight_balancing/wb_r8_mnist5k-lt-if100.py'),
    # the rows the reference-fidelity issue changes
    dict(
        name='LDAM-DRW',
        config=_c + 'ldam_drw/ldam-drw_r8_mnist5k-lt-if100.py'),
    # head ablations: the losses above on the other head (scale s = 30 on
    # the cosine head), which part of a gap is the head
    dict(
        name='BS (cosine head)',
        config=_c + 'balanced_softmax/bs-cosine_r8_mnist5k-lt-if100.py'),
    dict(
        name='LDAM-DRW (linear head)',
        config=_c + 'ldam_drw/ldam-drw-linear_r8_mnist5k-lt-if100.py'),
    dict(name='CE-DRW', config=_c + 'ldam_drw/ce-drw_r8_mnist5k-lt-if100.py'),
    dict(
        name='CE-DRW (cosine head)',
        config=_c + 'ldam_drw/ce-drw-cosine_r8_mnist5k-lt-if100.py'),
    dict(
        name='CB-softmax',
        config=_c + 'class_balanced/cb-softmax_r8_mnist5k-lt-if100.py'),
    dict(
        name='CB-focal',
        config=_c + 'class_balanced/cb-focal_r8_mnist5k-lt-if100.py'),
    dict(name='VS', config=_c + 'vs/vs_r8_mnist5k-lt-if100.py'),
    dict(
        name='LDAM-DRW+CMO',
        config=_c + 'cmo/ldam-drw_cmo_r8_mnist5k-lt-if100.py'),
    # FACoG: phase 1 trains once per seed and IF; FACoG's phase 2 and its
    # three controls (post-hoc LA on phase 1's f_cls; re-sampled real or
    # SMOTE features in place of generated ones) run on it. Its Table 4
    # ablations and the paper's absolute phase-2 length:
    # configs/facog/README.md
    dict(
        name='FACoG phase 1',
        config=_c + 'facog/facog-phase1_r8_mnist5k-lt-if100.py'),
    dict(
        name='FACoG phase 1 + LA (post-hoc)',
        config=_c + 'facog/facog-phase1-la-posthoc_r8_mnist5k-lt-if100.py',
        test_on='FACoG phase 1'),
    dict(
        name='FACoG',
        config=_c + 'facog/facog_r8_mnist5k-lt-if100.py',
        load_from='FACoG phase 1',
        cfg_options=_facog_phase2),
    dict(
        name='FACoG phase 1 + re-sampled features',
        config=_c + 'facog/facog-resample_r8_mnist5k-lt-if100.py',
        load_from='FACoG phase 1',
        cfg_options=_facog_phase2),
    # feature-space SMOTE for the classifier stage (the tutorial's SMOTE)
    dict(
        name='FACoG phase 1 + SMOTE features',
        config=_c + 'facog/facog-smote_r8_mnist5k-lt-if100.py',
        load_from='FACoG phase 1',
        cfg_options=_facog_phase2),
    # balanced softmax by construction (Menon et al.'s loss at tau = 1)
    dict(
        name='LA (loss)',
        config=_c + 'logit_adjustment/la-loss_r8_mnist5k-lt-if100.py'),
    dict(name='ETF+CE', config=_c + 'etf/etf-ce_r8_mnist5k-lt-if100.py'),
    dict(name='ETF+DR', config=_c + 'etf/etf-dr_r8_mnist5k-lt-if100.py'),
    dict(name='BS+CMO', config=_c + 'cmo/bs_cmo_r8_mnist5k-lt-if100.py'),
    dict(
        name='AFR',
        config=_c + 'afr/afr_bs-cmo_r8_mnist5k-lt-if100-finetune.py',
        load_from='BS+CMO'),
    # classical re-sampling (the tutorial's SMOTE section)
    dict(
        name='Random over-sampling',
        config=_c + 'resampling/ros_r8_mnist5k-lt-if100.py'),
    dict(
        name='Random under-sampling',
        config=_c + 'resampling/rus_r8_mnist5k-lt-if100.py'),
    dict(name='SMOTE', config=_c + 'resampling/smote_r8_mnist5k-lt-if100.py'),
    dict(
        name='SMOTE + under-sampling',
        config=_c + 'resampling/smote-rus_r8_mnist5k-lt-if100.py'),
    # the tutorial's COG: local decomposition into sub-classes
    dict(name='COG', config=_c + 'resampling/cog_r8_mnist5k-lt-if100.py'),
    dict(
        name='COG-OS', config=_c + 'resampling/cog-os_r8_mnist5k-lt-if100.py'),
]
imb_factors = [10, 100]
seeds = [0, 1, 2]
records = 'docs/benchmark/runs/mnist5k_lt'
# Options of every run: keep only the final checkpoint (the runs on
# another's checkpoint read it).
cfg_options = {'default_hooks.checkpoint.interval': 1000}
# --quick: one seed, one imbalance factor
quick = dict(seeds=[0], imb_factors=[100])
# The fast-budget table (30 epochs, before this suite) is kept in
# docs/benchmark/mnist5k_lt_fast.md.
pending = []
