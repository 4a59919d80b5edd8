import os.path as osp
import re

import pytest
import torch
from conftest import BASELINE, REPO, tiny_cfg
from mmengine.runner import Runner

from mmlt.engine.hooks import StrictLoadHook


def _config(name):
    return osp.join(REPO, 'configs', name)


LDAM = _config('ldam_drw/ldam-drw_r8_mnist5k-lt-if100.py')
ETF_DR = _config('etf/etf-dr_r8_mnist5k-lt-if100.py')
CRT = _config('decoupling/crt_r8_mnist5k-lt-if100.py')
NCM = _config('decoupling/ncm_r8_mnist5k-lt-if100.py')
LWS = _config('decoupling/lws_r8_mnist5k-lt-if100.py')


@pytest.fixture(scope='module')
def ce_checkpoint(tmp_path_factory):
    """A 1-epoch CE ResNet-8 (mmpretrain LinearClsHead) on MNIST5k-LT."""
    work = tmp_path_factory.mktemp('ce')
    Runner.from_cfg(tiny_cfg(work)).train()
    return str(work / 'epoch_1.pth')


def _loader(tmp_path, config, checkpoint, **options):
    cfg = tiny_cfg(tmp_path / 'load', config=config, **options)
    cfg.load_from = str(checkpoint)
    return Runner.from_cfg(cfg)


@pytest.mark.parametrize(
    'config', [LDAM, _config('etf/etf-ce_r8_mnist5k-lt-if100.py')])
def test_ce_checkpoint_into_normed_or_etf_head_is_an_error(
        config, ce_checkpoint, tmp_path):
    runner = _loader(tmp_path, config, ce_checkpoint)
    with pytest.raises(ValueError) as error:
        runner.test()  # tools/test.py's path: load_from, then the test loop
    message = str(error.value)
    assert '\n' not in message
    assert message.startswith(f'checkpoint {ce_checkpoint}: 1 unexpected '
                              'key: head.fc.bias.')
    assert 'default_hooks.strict_load.allow_missing' in message
    assert 'class_counts' not in message  # filled by ClassCountsHook


def test_missing_keys_are_listed_with_the_unexpected_ones(
        ce_checkpoint, tmp_path):
    # BN's num_batches_tracked is not counted (mmengine ignores it too)
    with pytest.raises(
            ValueError,
            match=re.escape(
                '4 missing keys: head.feat_bn.weight, head.feat_bn.bias, '
                'head.feat_bn.running_mean, head.feat_bn.running_var; 1 '
                'unexpected key: head.fc.bias.')):
        _loader(tmp_path, ETF_DR, ce_checkpoint).test()


def test_declared_allowance_loads(ce_checkpoint, tmp_path):
    runner = _loader(
        tmp_path, LDAM, ce_checkpoint,
        **{'default_hooks.strict_load.allow_unexpected': ('head.fc.bias', )})
    metrics = runner.test()
    assert 'lt/balanced_acc' in metrics
    ckpt = torch.load(ce_checkpoint, weights_only=True)['state_dict']
    assert torch.equal(runner.model.backbone.conv1.weight,
                       ckpt['backbone.conv1.weight'])


def test_strict_false_only_warns(ce_checkpoint, tmp_path):
    runner = _loader(tmp_path, LDAM, ce_checkpoint,
                     **{'default_hooks.strict_load.strict': False})
    runner.load_or_resume()
    assert runner._has_loaded


def test_shipped_recipes_declare_what_they_initialise(ce_checkpoint, tmp_path):
    # NCM and LWS on a CE checkpoint: class means / scales are new
    for config in (NCM, LWS):
        runner = _loader(tmp_path, config, ce_checkpoint)
        runner.load_or_resume()
    # cRT re-initialises the classifier: a backbone-only checkpoint loads
    ckpt = torch.load(ce_checkpoint, weights_only=True)
    state = {
        k: v
        for k, v in ckpt['state_dict'].items() if not k.startswith('head.')
    }
    backbone_only = tmp_path / 'backbone_only.pth'
    torch.save(dict(state_dict=state), backbone_only)
    runner = _loader(tmp_path, CRT, backbone_only)
    runner.load_or_resume()
    assert torch.equal(runner.model.backbone.conv1.weight,
                       state['backbone.conv1.weight'])
    # ... where the CE config, which trains on its classifier, refuses it
    with pytest.raises(
            ValueError,
            match=r'backbone_only.pth: 2 missing keys'
            r': head.fc.weight, head.fc.bias\.'):
        _loader(tmp_path, BASELINE, backbone_only) \
            .load_or_resume()


def test_resume_is_not_checked(make_cfg, tmp_path):
    Runner.from_cfg(make_cfg(max_epochs=1)).train()
    path = tmp_path / 'work' / 'epoch_1.pth'
    ckpt = torch.load(path, weights_only=False)
    ckpt['state_dict']['head.extra'] = torch.zeros(1)
    torch.save(ckpt, path)
    cfg = make_cfg(max_epochs=2)
    cfg.resume = True  # the run's own state: no check
    runner = Runner.from_cfg(cfg)
    runner.train()
    assert runner.epoch == 2
    # the same file as load_from is refused
    cfg = make_cfg()
    cfg.load_from = str(path)
    cfg.work_dir = str(tmp_path / 'other')
    with pytest.raises(ValueError, match=r'1 unexpected key: head\.extra'):
        Runner.from_cfg(cfg).train()


def test_compare_and_message():
    model = {
        'fc.weight': (2, 4),
        'fc.bias': (2, ),
        'bn.num_batches_tracked': (),
        'class_counts': (2, )
    }
    ckpt = {
        'fc.weight': (3, 4),
        'conv.weight': (1, ),
        'loss.class_counts': (3, )
    }
    missing, unexpected, shapes = StrictLoadHook.compare(model, ckpt)
    assert missing == ['fc.bias'] and unexpected == ['conv.weight']
    assert shapes == {'fc.weight': ((3, 4), (2, 4))}
    # an allowed part may be absent or of another shape
    assert StrictLoadHook.compare(
        model,
        ckpt,
        allow_missing=('fc', ),
        allow_unexpected=('conv.weight', )) == ([], [], {})
    assert StrictLoadHook.compare(model, ckpt, allow_missing=('f', ))[0] \
        == ['fc.bias']  # names, not string prefixes
    keys = [f'layer{i}.weight' for i in range(20)]
    message = StrictLoadHook.format_mismatch(
        'checkpoint a.pth', keys, [], {'head.fc.weight': ((3, 4), (2, 4))})
    assert message.startswith(
        'checkpoint a.pth: `head.fc.weight` has shape (3, 4), the model '
        'expects (2, 4) (a head for another number of classes? see '
        'model.head.num_classes); 20 missing keys: layer0.weight, ')
    assert 'layer7.weight, ... (12 more).' in message
    assert 'layer8.weight' not in message and '\n' not in message
    with pytest.raises(TypeError, match=r"write \('head.fc', \)"):
        StrictLoadHook(allow_missing='head.fc')


def test_a_partial_label_checkpoint_tests_with_its_confidences(tmp_path):
    # the head's confidences are sized by the training set it saw
    # (``data_sized_buffers``): a test-only run takes the checkpoint's
    config = _config(
        'partial_label/proden-records_r8_mnist5k-lt-if100-q0.3.py')
    runner = Runner.from_cfg(tiny_cfg(tmp_path / 'train', config=config))
    runner.train()
    trained = runner.model.head.confidence.clone()
    assert trained.shape == (938, 10)
    tester = _loader(tmp_path, config, tmp_path / 'train' / 'epoch_1.pth')
    metrics = tester.test()
    assert 0 <= metrics['lt/balanced_acc'] <= 100
    assert torch.equal(tester.model.head.confidence, trained)
