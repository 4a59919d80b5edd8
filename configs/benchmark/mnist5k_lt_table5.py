# Table 5 of "Exploring Weight Balancing on Long-Tailed Recognition
# Problem" on MNIST5k-LT IF=100: training methods (rows) under no / additive /
# multiplicative post-hoc LA (columns, tau and gamma searched per run on the
# validation split by posthoc_table.py). Same ResNet-8 and 1,500-iteration
# budget as the main suite; WB adds its 3-epoch classifier stage.
# Weight decay is chosen on the validation split (the table's last column)
# from {5e-4, 5e-3} for CE ('CE' / 'WD') and for WB's stage 1 ('WB (WD
# 5e-4)' / 'WB'), the grid the two references' defaults span.
#   python tools/benchmark/run_suite.py \
#       configs/benchmark/mnist5k_lt_table5.py \
#       --work-root work_dirs/table5 --jobs 2
#   python tools/benchmark/posthoc_table.py \
#       configs/benchmark/mnist5k_lt_table5.py --work-root work_dirs/table5 \
#       --out docs/benchmark/mnist5k_lt_table5.json
_c = 'configs/'
methods = [
    # plain CE, trained with the head that takes post-hoc adjusters
    dict(
        name='CE',
        config=_c + 'logit_adjustment/la-posthoc_r8_mnist5k-lt-if100.py'),
    dict(name='CB', config=_c + 'weight_balancing/cb_r8_mnist5k-lt-if100.py'),
    dict(name='WD', config=_c + 'weight_balancing/wd_r8_mnist5k-lt-if100.py'),
    dict(
        name='WD fixed BN',
        config=_c + 'weight_balancing/wd-fixed-bn_r8_mnist5k-lt-if100.py'),
    dict(name='WB', config=_c + 'weight_balancing/wb_r8_mnist5k-lt-if100.py'),
    dict(
        name='WB (WD 5e-4)',
        config=_c + 'weight_balancing/wb_r8_mnist5k-lt-if100.py',
        cfg_options={'optim_wrapper.optimizer.weight_decay': 5e-4}),
    dict(
        name='WD&ETF',
        config=_c + 'weight_balancing/wd-etf_r8_mnist5k-lt-if100.py'),
    dict(
        name='WD&FR&ETF',
        config=_c + 'weight_balancing/wd-fr-etf_r8_mnist5k-lt-if100.py'),
]
imb_factors = [100]
seeds = [0, 1, 2]
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
