# AFR's minority threshold lambda chosen on the validation split (20 digits
# per class carved from the training pool), never on the test set: the AFR
# MNIST5k-LT run with lambda in {0.6, 0.7, 0.8, 0.9}, evaluated on
# split='val'. MNIST5k-LT IF=100, seeds 0-2.
#   python tools/benchmark/run_suite.py \
#       configs/benchmark/mnist5k_lt_afr_lambda.py \
#       --work-root work_dirs/benchmark/afr_lambda --jobs 2
_afr = 'configs/afr/afr_bs-cmo_r8_mnist5k-lt-if100.py'
methods = [
    dict(
        name=f'AFR lambda={lam}',
        config=_afr,
        cfg_options={
            'custom_hooks.AFRHook.lam': lam,
            'val_dataloader.dataset.split': 'val'
        }) for lam in (0.6, 0.7, 0.8, 0.9)
]
imb_factors = [100]
seeds = [0, 1, 2]
cfg_options = {'default_hooks.checkpoint.interval': 1000}
quick = dict(seeds=[0])
