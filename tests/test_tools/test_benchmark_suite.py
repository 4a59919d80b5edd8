import json
import os.path as osp
import subprocess
import sys

from conftest import BASELINE, REPO

SUITE = f'''
methods = [
    dict(name='CE', config={BASELINE!r}),
    dict(name='CE (lr 0.05, x)', config={BASELINE!r},
         cfg_options={{'optim_wrapper.optimizer.lr': 0.05}}),
]
imb_factors = [100]
seeds = [0, 1]
cfg_options = {{'train_cfg.max_epochs': 1, 'train_cfg.val_interval': 1,
               'param_scheduler': []}}
quick = dict(seeds=[0])
pending = ['FACoG']
'''


def _run(args):
    proc = subprocess.run(
        [sys.executable] + args,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc.stdout


def test_suite_runs_resumes_and_reports(tmp_path):
    suite = tmp_path / 'tiny_suite.py'
    suite.write_text(SUITE)
    out = tmp_path / 'results.json'
    log = _run([
        'tools/benchmark/run_suite.py',
        str(suite), '--work-root',
        str(tmp_path / 'runs'), '--out',
        str(out), '--jobs', '2'
    ])
    assert '[4/4]' in log
    results = json.loads(out.read_text())
    assert results['methods'] == ['CE', 'CE (lr 0.05, x)']
    assert results['failed'] == []
    assert results['pending'] == ['FACoG']
    runs = results['runs']
    assert [(r['method'], r['seed']) for r in runs] == [('CE', 0), ('CE', 1),
                                                        ('CE (lr 0.05, x)', 0),
                                                        ('CE (lr 0.05, x)', 1)]
    for run in runs:
        assert run['imb_factor'] == 100 and run['wall_s'] > 0
        assert set(run['metrics']) >= {
            'lt/balanced_acc', 'lt/top1', 'lt/many', 'lt/medium', 'lt/few',
            'lt/acsa', 'lt/gm', 'lt/ece'
        }
        assert osp.isfile(osp.join(run['work_dir'], 'per_class.json'))
    # a name with spaces and commas becomes a safe folder name
    assert osp.basename(osp.dirname(osp.dirname(runs[2]['work_dir']))) == \
        'CE_lr_0.05_x'
    # the same seed gives the same run; the two seeds differ
    assert runs[0]['metrics'] != runs[1]['metrics']

    # finished runs are skipped: a second launch trains nothing
    log = _run([
        'tools/benchmark/run_suite.py',
        str(suite), '--work-root',
        str(tmp_path / 'runs'), '--out',
        str(out)
    ])
    assert log.count('skipped (done)') == 4
    assert json.loads(out.read_text())['runs'] == runs

    readme = tmp_path / 'README.md'
    readme.write_text('# x\n<!-- benchmark:start -->\nold\n'
                      '<!-- benchmark:end -->\ntail\n')
    md = tmp_path / 'table.md'
    _run([
        'tools/benchmark/report.py',
        str(out), '--out',
        str(md), '--plots-dir',
        str(tmp_path / 'plots'), '--readme',
        str(readme)
    ])
    text = md.read_text()
    ce = [r['metrics']['lt/balanced_acc'] for r in runs[:2]]
    mean = sum(ce) / 2
    std = abs(ce[0] - ce[1]) / 2
    assert '**IF = 100** (2 seeds, mean ± std)' in text
    row = next(line for line in text.splitlines() if line.startswith('| CE |'))
    assert f'{mean:.1f} ± {std:.1f}' in row
    assert '| FACoG | pending |' in text
    assert text.count('**') >= 2 * 8  # a best value marked in every column
    content = readme.read_text()
    assert 'old' not in content and '| CE |' in content
    assert content.endswith('<!-- benchmark:end -->\ntail\n')
    assert osp.getsize(tmp_path / 'plots' / 'balanced_acc.png') > 0
    assert osp.getsize(tmp_path / 'plots' / 'per_class_if100.png') > 0
