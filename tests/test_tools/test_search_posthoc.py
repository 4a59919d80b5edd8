import os.path as osp
import subprocess
import sys

from mmengine.config import Config
from mmengine.runner import Runner

from conftest import REPO

LA_POSTHOC = osp.join(REPO, 'configs', 'logit_adjustment',
                      'la-posthoc_r8_mnist5k-lt-if100.py')


def test_search_on_validation_split_writes_test_config(make_cfg, tmp_path):
    Runner.from_cfg(make_cfg()).train()
    out = tmp_path / 'searched.py'
    proc = subprocess.run([
        sys.executable, 'tools/search_posthoc.py', LA_POSTHOC,
        str(tmp_path / 'work' / 'epoch_1.pth'), '--grid', '0', '1', '0.5',
        '--out', str(out), '--work-dir', str(tmp_path / 'search')
    ], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert 'on 200 validation images' in proc.stdout  # 20 per class, val
    assert proc.stdout.count('\n  tau=') == 3 and '<- best' in proc.stdout
    cfg = Config.fromfile(str(out))
    assert cfg.model.head.posthoc.type == 'AdditiveLogitAdjust'
    assert cfg.model.head.posthoc.tau in (0.0, 0.5, 1.0)
    assert cfg.test_dataloader.dataset.split == 'test'
