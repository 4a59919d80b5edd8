import json
import os.path as osp
import shutil
import subprocess
import sys

from conftest import BASELINE, REPO

LA_POSTHOC = osp.join(REPO, 'configs', 'logit_adjustment',
                      'la-posthoc_r8_mnist5k-lt-if100.py')
SUITE = f'''
methods = [
    dict(name='CE', config={BASELINE!r}),
    dict(name='LA (post-hoc, x)', config={LA_POSTHOC!r}, test_on='CE'),
    dict(name='CE, 1 more epoch', config={BASELINE!r}, load_from='CE'),
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
    records = tmp_path / 'records'
    launch = [
        'tools/benchmark/run_suite.py',
        str(suite), '--work-root',
        str(tmp_path / 'runs'), '--records',
        str(records), '--out',
        str(out), '--device', 'cpu'
    ]
    log = _run(launch + ['--jobs', '2'])
    assert '[6/6]' in log and 'eta' in log
    results = json.loads(out.read_text())
    assert results['methods'] == ['CE', 'LA (post-hoc, x)', 'CE, 1 more epoch']
    assert results['failed'] == [] and results['meta']['missing'] == 0
    assert results['pending'] == ['FACoG']
    runs = results['runs']
    assert [(r['method'], r['seed'], r['mode'])
            for r in runs] == [('CE', 0, 'train'), ('CE', 1, 'train'),
                               ('LA (post-hoc, x)', 0, 'test'),
                               ('LA (post-hoc, x)', 1, 'test'),
                               ('CE, 1 more epoch', 0, 'train'),
                               ('CE, 1 more epoch', 1, 'train')]
    for run in runs:
        assert run['imb_factor'] == 100 and run['wall_s'] > 0
        assert run['device'] == 'cpu'
        assert set(run['metrics']) >= {
            'lt/balanced_acc', 'lt/top1', 'lt/many', 'lt/medium', 'lt/few',
            'lt/acsa', 'lt/gm', 'lt/ece'
        }
        assert [c['train_count'] for c in run['per_class']][:2] == [380, 227]
    # a name with spaces and commas becomes a safe folder name
    assert osp.isfile(records / 'LA_post-hoc_x' / 'if100' / 'seed1.json')
    # the post-hoc run evaluated CE's final model, the other trained on
    ce_ckpt = osp.join(runs[0]['work_dir'], 'epoch_1.pth')
    assert ce_ckpt in open(osp.join(runs[2]['work_dir'], 'suite.log')).read()
    assert runs[2]['metrics'] != runs[0]['metrics']
    log4 = open(osp.join(runs[4]['work_dir'], 'suite.log')).read()
    assert f'Load checkpoint from {ce_ckpt}' in log4
    # the same seed gives the same run; the two seeds differ
    assert runs[0]['metrics'] != runs[1]['metrics']

    # recorded runs are not run again, even with their work dirs gone
    shutil.rmtree(tmp_path / 'runs')
    log = _run(launch)
    assert log.count('recorded before') == 6
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
    assert '**IF = 100** (2 seeds, mean ± std;' in text
    row = next(line for line in text.splitlines() if line.startswith('| CE |'))
    assert f'{mean:.1f} ± {std:.1f}' in row
    # paired difference to CE over the two seeds, 95% t interval (t = 12.71)
    la = [r['metrics']['lt/balanced_acc'] for r in runs[2:4]]
    diffs = [la[0] - ce[0], la[1] - ce[1]]
    half = 12.706 * abs(diffs[0] - diffs[1]) / 2
    low, high = sum(diffs) / 2 - half, sum(diffs) / 2 + half
    row = next(line for line in text.splitlines()
               if line.startswith('| LA (post-hoc, x) |'))
    assert f'{sum(diffs) / 2:+.1f} [{low:+.1f}, {high:+.1f}]' in row
    assert '| FACoG | pending |' in text
    assert text.count('**') >= 2 * 8  # a best value marked in every column
    content = readme.read_text()
    assert 'old' not in content and '| CE |' in content
    assert content.endswith('<!-- benchmark:end -->\ntail\n')
    assert osp.getsize(tmp_path / 'plots' / 'balanced_acc.png') > 0
    assert osp.getsize(tmp_path / 'plots' / 'per_class_if100.png') > 0


def test_final_metrics_of_a_classifier_and_of_the_probes(tmp_path):
    from mmlt.utils.results import read_final_metrics
    launch = tmp_path / '20260101_000000' / 'vis_data'
    launch.mkdir(parents=True)
    lines = [{
        'loss': 1.0,
        'step': 1
    }, {
        'lt/balanced_acc': 50.0,
        'step': 50
    }, {
        'knn/lt/balanced_acc': 80.0,
        'linear/lt/few': 9.0,
        'step': 100
    }, {
        'loss': 0.5,
        'step': 101
    }]
    (launch / 'scalars.json').write_text('\n'.join(map(json.dumps, lines)))
    # the last evaluation, a classifier's or FeatureProbeLoop's
    assert read_final_metrics(str(tmp_path))['knn/lt/balanced_acc'] == 80.0
    (launch / 'scalars.json').write_text('\n'.join(map(json.dumps, lines[:2])))
    assert read_final_metrics(str(tmp_path))['lt/balanced_acc'] == 50.0
