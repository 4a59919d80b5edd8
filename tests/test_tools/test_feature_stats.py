import json
import os.path as osp
import subprocess
import sys

from conftest import REPO
from mmengine.runner import Runner

ETF = osp.join(REPO, 'configs', 'weight_balancing',
               'wd-fr-etf-la_r8_mnist5k-lt-if100.py')


def test_feature_stats_tool(make_cfg, tmp_path):
    Runner.from_cfg(make_cfg(config=ETF)).train()
    out = tmp_path / 'stats'
    proc = subprocess.run([
        sys.executable, 'tools/analysis_tools/feature_stats.py', ETF,
        str(tmp_path / 'work' / 'epoch_1.pth'), '--out-dir',
        str(out)
    ],
                          cwd=REPO,
                          capture_output=True,
                          text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    stats = json.loads((out / 'feature_stats.json').read_text())
    assert stats['class_counts'][:2] == [380, 227]
    assert stats['stats']['train']['fdr'] > 0
    assert -1 <= stats['stats']['test']['inter'] <= 1
    # the ETF rows have unit norm
    assert all(abs(n - 1) < 1e-5 for n in stats['classifier weight norm'])
    assert (out / 'norms_vs_count.png').stat().st_size > 0
