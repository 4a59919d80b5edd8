import os.path as osp
import re
import subprocess
import sys

import pytest
from conftest import REPO, tiny_cfg
from mmengine.config import Config
from mmengine.runner import Runner

LA_POSTHOC = osp.join(REPO, 'configs', 'logit_adjustment',
                      'la-posthoc_r8_mnist5k-lt-if100.py')


@pytest.fixture(scope='module')
def checkpoint(tmp_path_factory):
    """A 1-epoch CE ResNet-8 on MNIST5k-LT, shared by the tests here."""
    work = tmp_path_factory.mktemp('work')
    Runner.from_cfg(tiny_cfg(work)).train()
    return str(work / 'epoch_1.pth')


def _run(*cmd):
    proc = subprocess.run([sys.executable, *cmd],
                          cwd=REPO,
                          capture_output=True,
                          text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc.stdout


def test_search_on_validation_split_writes_test_config(checkpoint, tmp_path):
    out = tmp_path / 'searched.py'
    stdout = _run('tools/search_posthoc.py', LA_POSTHOC, checkpoint, '--grid',
                  '0', '1', '0.5', '--out', str(out), '--work-dir',
                  str(tmp_path / 'search'))
    assert 'on 200 validation images' in stdout  # 20 per class, val
    assert stdout.count('\n  tau=') == 3 and '<- best' in stdout
    cfg = Config.fromfile(str(out))
    assert cfg.model.head.posthoc.type == 'AdditiveLogitAdjust'
    assert cfg.model.head.posthoc.tau in (0.0, 0.5, 1.0)
    # the value is fixed: no PosthocSearchHook to search it again
    assert cfg.custom_hooks == []
    assert cfg.test_dataloader.dataset.split == 'test'


def test_type_override_writes_complete_config_that_evaluates(
        checkpoint, tmp_path):
    # the LA config's adjuster takes `tau`; the override's takes `gamma`:
    # the written file must hold the new adjuster whole, without `tau`, and
    # carry the other options (one inside a list)
    out = tmp_path / 'searched.py'
    stdout = _run('tools/search_posthoc.py', LA_POSTHOC, checkpoint, '--grid',
                  '0', '0.2', '0.1', '--out', str(out), '--work-dir',
                  str(tmp_path / 'search'), '--cfg-options',
                  'model.head.posthoc.type=MultiplicativeLogitAdjust',
                  'test_dataloader.batch_size=100',
                  'test_evaluator.1.num_bins=5')
    # the unadjusted logits are a candidate too (no gamma gives them back)
    assert stdout.count('\n  gamma=') == 3
    assert stdout.count('\n  no adjustment: ') == 1
    best = re.search(r'\n  (no adjustment|gamma=\S+): \S+  <- best',
                     stdout).group(1)
    cfg = Config.fromfile(str(out))
    assert cfg.model.head.posthoc == (
        None if best == 'no adjustment' else dict(
            type='MultiplicativeLogitAdjust', gamma=float(best.split('=')[1])))
    assert cfg.test_dataloader.batch_size == 100
    assert cfg.test_dataloader.dataset.split == 'test'
    assert [m.type for m in cfg.test_evaluator] == ['LTAccuracy', 'ECE']
    assert cfg.test_evaluator[1].num_bins == 5
    log = _run('tools/test.py', str(out), checkpoint, '--work-dir',
               str(tmp_path / 'test'))
    # 1,000 test images in batches of 100
    assert re.search(r'Epoch\(test\) \[10/10\] .*lt/balanced_acc', log)
