"""tools/model_converters/cmo_to_mmlt.py: weights-only loading, the input
layout check, and the check against a config's model."""
import os
import os.path as osp
import re
import sys
import zipfile

import numpy as np
import pytest
import torch
import torchvision
from conftest import REPO
from mmengine.config import Config
from mmpretrain.registry import MODELS

sys.path.insert(0, osp.join(REPO, 'tools', 'model_converters'))
import cmo_to_mmlt  # noqa: E402

CMO_R32 = osp.join(REPO, 'configs', 'cmo',
                   'bs_cmo_r32_cifar100-lt-if100-200e.py')
CMO_R50 = osp.join(REPO, 'configs', 'cmo', 'bs_cmo_r50_imagenet-lt.py')


class Malicious:

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f'touch {self.marker}', )


def _ours(num_classes=100):
    """The state dict of CMO_R32's model without the class counts."""
    cfg = Config.fromfile(CMO_R32).model
    cfg.head.num_classes = num_classes
    return {
        key: value
        for key, value in MODELS.build(cfg).state_dict().items()
        if not key.endswith('class_counts')
    }


def _cmo(ours):
    """``ours`` in CMO's layout: LDAM-DRW ResNet-32 under DataParallel."""
    cmo = {}
    for key, value in ours.items():
        key = re.sub(r'^backbone\.layers\.(\d)\.',
                     lambda m: f'layer{int(m.group(1)) + 1}.', key)
        key = key.replace('backbone.', '').replace('head.fc.', 'linear.')
        cmo['module.' + key] = value
    return cmo


def _save_numpy1(obj, path):
    """``torch.save`` with numpy named as numpy 1 pickles it
    (``numpy.core``), as in checkpoints of CMO's time."""
    torch.save(obj, path + '.tmp')
    with zipfile.ZipFile(path + '.tmp') as src, \
            zipfile.ZipFile(path, 'w') as dst:
        for name in src.namelist():
            data = src.read(name)
            if name.endswith('data.pkl'):
                data = data.replace(b'numpy._core.', b'numpy.core.')
                assert b'numpy.core.multiarray' in data
            dst.writestr(name, data)


def _refused(argv):
    with pytest.raises(SystemExit) as error:
        cmo_to_mmlt.main(argv)
    return str(error.value)


def test_malicious_pickle_is_refused_and_not_run(tmp_path):
    marker = tmp_path / 'MARKER'
    src, dst = str(tmp_path / 'ckpt.pth.tar'), str(tmp_path / 'out.pth')
    torch.save(dict(epoch=1, state_dict={}, best_acc1=Malicious(marker)), src)
    message = _refused([src, dst])
    assert message.startswith(f'{src}: refused to load')
    assert 'system' in message and 'nothing in the file was run' in message
    assert not marker.exists() and not osp.exists(dst)


def test_mmlt_checkpoint_is_refused(tmp_path):
    src = str(tmp_path / 'epoch_1.pth')
    torch.save(dict(meta=dict(epoch=1), state_dict=_ours()), src)
    message = _refused([src, str(tmp_path / 'out.pth')])
    assert message.startswith(f'{src}: not a CMO model')
    assert 'found backbone, head (already an mmlt' in message
    assert 'first keys: backbone.conv1.weight' in message


@pytest.mark.parametrize('best_acc1', ['tensor', 'numpy', 'numpy1'])
def test_cmo_checkpoint_converts_and_fits_config(tmp_path, capsys, best_acc1):
    ours = _ours()
    src, dst = str(tmp_path / 'ckpt.best.pth.tar'), str(tmp_path / 'out.pth')
    checkpoint = dict(
        epoch=200, state_dict=_cmo(ours), best_acc1=torch.tensor(40.5))
    if best_acc1 == 'tensor':
        torch.save(checkpoint, src)
    else:
        checkpoint['best_acc1'] = np.float64(40.5)
        (_save_numpy1 if best_acc1 == 'numpy1' else torch.save)(checkpoint,
                                                                src)
    cmo_to_mmlt.main([src, dst, '--config', CMO_R32])
    assert f'keys and shapes match {CMO_R32}' in capsys.readouterr().out
    converted = torch.load(dst, map_location='cpu')  # weights-only safe
    assert converted['meta']['cmo_epoch'] == 200
    assert converted['state_dict'].keys() == ours.keys()
    assert all(torch.equal(converted['state_dict'][k], ours[k]) for k in ours)


def test_imagenet_checkpoint_with_optimizer_fits_config(tmp_path, capsys):
    # CMO's ImageNet-LT save_checkpoint: torchvision's ResNet-50 under
    # DataParallel, with arch and the SGD state dict
    model = torchvision.models.resnet50()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    model(torch.randn(2, 3, 32, 32)).sum().backward()
    optimizer.step()
    src = str(tmp_path / 'ckpt.best.pth.tar')
    torch.save(
        dict(
            epoch=100,
            arch='resnet50',
            best_acc1=torch.tensor(50.),
            optimizer=optimizer.state_dict(),
            state_dict={
                'module.' + k: v
                for k, v in model.state_dict().items()
            }), src)
    cmo_to_mmlt.main([src, str(tmp_path / 'out.pth'), '--config', CMO_R50])
    out = capsys.readouterr().out
    assert '(torchvision ResNet)' in out and 'keys and shapes match' in out


def test_shape_mismatch_against_config_is_listed(tmp_path):
    # a CIFAR-10 model against the CIFAR-100 config
    src = str(tmp_path / 'ckpt.best.pth.tar')
    torch.save(dict(epoch=200, state_dict=_cmo(_ours(num_classes=10))), src)
    message = _refused([src, str(tmp_path / 'out.pth'), '--config', CMO_R32])
    assert message == (
        f'{src}: does not fit the model of {CMO_R32}: shape (converted vs '
        'model) head.fc.bias (10,) vs (100,), head.fc.weight (10, 64) vs '
        '(100, 64)')
