import json
import os
import subprocess
import sys

from conftest import REPO


def _run(*work_dirs):
    return subprocess.run(
        [sys.executable, 'tools/analysis_tools/lt_table.py', *work_dirs],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300)


def test_lt_table_leaves_out_a_dir_without_evaluation(tmp_path):
    done = tmp_path / 'ce'
    os.makedirs(done / '20260101_000000' / 'vis_data')
    record = {
        'lt/balanced_acc': 72.1,
        'lt/top1': 72.1,
        'lt/many': 98.0,
        'lt/medium': 96.33,
        'lt/few': 34.5,
        'lt/gm': 0.0,
        'lt/ece': 6.67,
        'step': 30
    }
    with open(done / '20260101_000000' / 'vis_data' / 'scalars.json',
              'w') as f:
        f.write(json.dumps({'loss': 1.0, 'step': 1}) + '\n')
        f.write(json.dumps(record) + '\n')
    empty = tmp_path / 'stopped'
    os.makedirs(empty)

    proc = _run(str(done), str(empty))
    assert proc.returncode == 0, proc.stderr
    assert '| ce | 72.10 | 72.10 | 98.00 | 96.33 | 34.50 | 0.00 | 6.67 |' \
        in proc.stdout
    assert 'stopped' not in proc.stdout
    assert f'no evaluation logged under {empty}; left out' in proc.stderr

    proc = _run(str(empty))
    assert proc.returncode == 1
    assert 'none of the work dirs has an evaluation' in proc.stderr
