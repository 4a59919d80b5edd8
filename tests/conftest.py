import itertools
import os.path as osp

import pytest
from mmengine.config import Config

import mmlt  # noqa: F401  (registers mmlt modules)

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
BASELINE = osp.join(REPO, 'configs', 'baseline', 'ce_r8_mnist5k-lt-if100.py')
_RUN_IDS = itertools.count()


def tiny_cfg(work_dir, max_epochs=1, config=BASELINE, **options):
    """The MNIST5k-LT baseline cut to a few CPU seconds."""
    cfg = Config.fromfile(config)
    cfg.work_dir = str(work_dir)
    # unique logger / visualizer instances for several runners per process
    cfg.experiment_name = f'test_{next(_RUN_IDS)}'
    cfg.train_cfg.max_epochs = max_epochs
    cfg.train_cfg.val_interval = max_epochs
    cfg.param_scheduler = []
    cfg.default_hooks.logger.interval = 5
    cfg.merge_from_dict(options)
    return cfg


@pytest.fixture
def make_cfg(tmp_path):
    return lambda **kw: tiny_cfg(tmp_path / 'work', **kw)
