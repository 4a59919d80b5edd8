"""``--launcher slurm`` on CPU: rank, world size and master come from the
variables srun sets (tools/slurm_train.sh)."""
import os
import stat

import pytest
import torch
import torch.distributed as torch_dist
from mmengine.config import Config

from mmlt.compat import setup_cpu_distributed

# env_cfg of mmpretrain's _base_/default_runtime.py, which mmlt's inherits
DEFAULT_ENV = dict(dist_cfg=dict(backend='nccl'))
pytestmark = pytest.mark.skipif(
    torch.cuda.is_available(), reason='mmengine initialises CUDA runs')


@pytest.fixture
def env(monkeypatch):
    """A clean rendezvous environment, restored afterwards (also the
    variables that ``setup_cpu_distributed`` writes)."""
    for name in ('MASTER_ADDR', 'MASTER_PORT', 'RANK', 'WORLD_SIZE',
                 'LOCAL_RANK', 'SLURM_LOCALID'):
        monkeypatch.setenv(name, '')
        monkeypatch.delenv(name)
    calls = []
    monkeypatch.setattr(torch_dist, 'is_initialized', lambda: False)
    monkeypatch.setattr(torch_dist, 'init_process_group',
                        lambda **kw: calls.append(kw))
    return monkeypatch, calls


def test_slurm_variables_init_gloo(tmp_path, env):
    monkeypatch, calls = env
    # a stand-in scontrol that expands the node list as Slurm's does
    scontrol = tmp_path / 'scontrol'
    scontrol.write_text('#!/bin/sh\n[ "$1 $2 $3" = "show hostnames '
                        'node[07-08]" ] && printf "node07\\nnode08\\n"\n')
    scontrol.chmod(scontrol.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv('PATH', f'{tmp_path}{os.pathsep}{os.environ["PATH"]}')
    monkeypatch.setenv('SLURM_PROCID', '0')
    monkeypatch.setenv('SLURM_NTASKS', '1')
    monkeypatch.setenv('SLURM_LOCALID', '0')
    monkeypatch.setenv('SLURM_NODELIST', 'node[07-08]')
    cfg = Config(dict(launcher='slurm', env_cfg=DEFAULT_ENV))

    setup_cpu_distributed(cfg)

    assert calls == [dict(backend='gloo', rank=0, world_size=1)]
    assert os.environ['MASTER_ADDR'] == 'node07'
    assert os.environ['MASTER_PORT'] == '29500'
    assert (os.environ['RANK'], os.environ['WORLD_SIZE'],
            os.environ['LOCAL_RANK']) == ('0', '1', '0')
    assert cfg.env_cfg.dist_cfg.backend == 'gloo'
    assert cfg.model_wrapper_cfg.device_ids is None


def test_slurm_keeps_given_master(env):
    monkeypatch, calls = env
    monkeypatch.setenv('MASTER_ADDR', '10.0.0.5')
    monkeypatch.setenv('MASTER_PORT', '29611')
    monkeypatch.setenv('SLURM_PROCID', '1')
    monkeypatch.setenv('SLURM_NTASKS', '2')
    monkeypatch.setenv('SLURM_NODELIST', 'unused')  # no scontrol call

    setup_cpu_distributed(Config(dict(launcher='slurm', env_cfg=DEFAULT_ENV)))

    assert calls == [dict(backend='gloo', rank=1, world_size=2)]
    assert os.environ['MASTER_ADDR'] == '10.0.0.5'
    assert os.environ['MASTER_PORT'] == '29611'
    assert os.environ['LOCAL_RANK'] == '0'  # no SLURM_LOCALID
