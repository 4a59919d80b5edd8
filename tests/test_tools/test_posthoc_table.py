import json
import math
import subprocess
import sys

from conftest import REPO
from test_benchmark_suite import _run

WD = f'{REPO}/configs/weight_balancing/wd_r8_mnist5k-lt-if100.py'
SUITE = f'''
methods = [dict(name='WD', config={WD!r})]
imb_factors = [100]
seeds = [0]
cfg_options = {{'train_cfg.max_epochs': 1, 'train_cfg.val_interval': 1,
               'param_scheduler': []}}
'''


def test_posthoc_table_columns_and_fdr(tmp_path):
    suite = tmp_path / 'suite.py'
    suite.write_text(SUITE)
    runs = str(tmp_path / 'runs')
    _run([
        'tools/benchmark/run_suite.py',
        str(suite), '--work-root', runs, '--out',
        str(tmp_path / 'results.json')
    ])
    trained = json.loads((tmp_path / 'results.json').read_text())['runs'][0]
    out = tmp_path / 'table5.json'
    log = _run([
        'tools/benchmark/posthoc_table.py',
        str(suite), '--work-root', runs, '--out',
        str(out)
    ])
    result = json.loads(out.read_text())
    (record, ) = result['records']
    columns = record['columns']
    assert list(columns) == ['N/A', 'Add LA', 'Mult LA']
    # no adjustment: the test-set figure the training run logged itself
    assert math.isclose(
        columns['N/A']['balanced_acc'],
        trained['metrics']['lt/balanced_acc'],
        abs_tol=1e-6)
    assert columns['N/A']['value'] is None
    # the adjusters' own grids: tau in [-1, 3]; gamma in [-1, 1] or none
    assert -1 <= columns['Add LA']['value'] <= 3
    gamma = columns['Mult LA']['value']
    assert gamma is None or -1 <= gamma <= 1
    for column in ('Add LA', 'Mult LA'):
        assert 0 <= columns[column]['balanced_acc'] <= 100
    assert record['fdr']['train'] > 0 and record['fdr']['test'] > 0
    # the validation column: what tools/test.py reports on the val split
    val_suite = tmp_path / 'val_suite.py'
    val_suite.write_text(SUITE + '''methods.append(
    dict(name='WD val', config=methods[0]['config'], test_on='WD',
         cfg_options={'test_dataloader.dataset.split': 'val'}))
''')
    _run([
        'tools/benchmark/run_suite.py',
        str(val_suite), '--work-root', runs, '--out',
        str(tmp_path / 'val.json')
    ])
    (val_run, ) = [
        r for r in json.loads((tmp_path / 'val.json').read_text())['runs']
        if r['method'] == 'WD val'
    ]
    assert math.isclose(
        record['val_balanced_acc'],
        val_run['metrics']['lt/balanced_acc'],
        abs_tol=1e-6)
    assert '| WD | 100 |' in log


def test_posthoc_table_needs_trained_runs(tmp_path):
    suite = tmp_path / 'suite.py'
    suite.write_text(SUITE)
    proc = subprocess.run([
        sys.executable, 'tools/benchmark/posthoc_table.py',
        str(suite), '--work-root',
        str(tmp_path / 'none')
    ],
                          cwd=REPO,
                          capture_output=True,
                          text=True)
    assert proc.returncode != 0
    assert 'Not trained yet' in proc.stderr and 'WD/if100/seed0' in proc.stderr
