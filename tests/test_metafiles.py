"""The model index (model-index.yml, configs/*/metafile.yml) that mim
reads: every shipped config is listed once, every listed config resolves."""
import copy
import functools
import glob
import os.path as osp
from numbers import Number

import mmengine.config.config as config_module
import mmengine.config.utils as config_utils
import pytest
import yaml
from conftest import REPO
from mmengine.config import Config

SHIPPED = sorted(
    osp.relpath(p, REPO) for p in glob.glob(
        osp.join(REPO, 'configs', '**', '*.py'), recursive=True)
    if '_base_' not in p and 'benchmark' not in p)
METHOD_DIRS = sorted(
    osp.relpath(osp.dirname(p), REPO)
    for p in glob.glob(osp.join(REPO, 'configs', '*', 'README.md')))


def _yaml(path):
    with open(osp.join(REPO, path)) as f:
        return yaml.safe_load(f)


INDEX = _yaml('model-index.yml')
METAFILES = {path: _yaml(path) for path in INDEX['Import']}
LISTED = [(path, model) for path, meta in METAFILES.items()
          for model in meta['Models']]


def test_index_imports_one_metafile_per_method_folder():
    assert sorted(
        INDEX['Import']) == [f'{d}/metafile.yml' for d in METHOD_DIRS]
    assert sorted(glob.glob(osp.join(REPO, 'configs', '*', 'metafile.yml'))) \
        == [osp.join(REPO, p) for p in sorted(INDEX['Import'])]


def test_every_shipped_config_is_listed_exactly_once():
    listed = sorted(model['Config'] for _, model in LISTED)
    assert listed == SHIPPED
    names = [model['Name'] for _, model in LISTED]
    assert len(names) == len(set(names))


@pytest.mark.parametrize('path', sorted(METAFILES))
def test_metafile_fields(path):
    meta = METAFILES[path]
    folder = osp.dirname(path)
    collections = {c['Name']: c for c in meta['Collections']}
    for c in collections.values():
        assert c['README'] == f'{folder}/README.md'
        assert c['Metadata']['Training Data']
        if 'Paper' in c:
            assert c['Paper']['Title']
            assert c['Paper'].get('URL', 'https://').startswith('https://')
    for model in meta['Models']:
        assert model['In Collection'] in collections, model['Name']
        assert osp.dirname(model['Config']) == folder, model['Name']
        assert model['Name'] == osp.splitext(osp.basename(model['Config']))[0]
        assert model['Metadata']['Training Data']
        assert 'Weights' not in model  # mmlt ships no weights
        for result in model.get('Results') or []:
            assert result['Task'] == 'Image Classification'
            assert result['Dataset']
            assert result['Metrics'] and all(
                isinstance(v, Number) for v in result['Metrics'].values())


@pytest.fixture(scope='module')
def cached_config_parsing():
    """Resolving ~90 configs takes about 40 s uncached on 2 cores: every
    ``mmpretrain::`` base makes mmengine reload ``pkg_resources`` and read
    all of mmpretrain's metafiles, and the shared bases are parsed again
    for every config. Here each file is parsed once (a deep copy is
    returned, as the merge mutates it); the merged configs are the same."""
    parse = Config._file2dict
    parsed = {}

    def file2dict(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key not in parsed:
            parsed[key] = parse(*args, **kwargs)
        return copy.deepcopy(parsed[key])

    cache = functools.lru_cache(maxsize=None)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(config_utils, 'load', cache(config_utils.load))
        mp.setattr(config_module, 'is_installed',
                   cache(config_module.is_installed))
        mp.setattr(Config, '_file2dict', staticmethod(file2dict))
        yield


@pytest.mark.parametrize(
    'config', [m['Config'] for _, m in LISTED],
    ids=[m['Name'] for _, m in LISTED])
def test_listed_config_resolves(config, cached_config_parsing):
    cfg = Config.fromfile(osp.join(REPO, config))
    assert cfg.model.type and cfg.train_dataloader.dataset
