"""Kill-safe checkpoint writes and the choice of the checkpoint to resume."""
import os
import os.path as osp

import pytest
import torch

from mmlt.utils.checkpoint import (AtomicLocalBackend, checkpoint_error,
                                   checkpoint_to_resume)


def _save(path, value):
    torch.save({'state_dict': {'w': torch.full((256, ), float(value))}}, path)


def _truncate(path):
    size = osp.getsize(path)
    with open(path, 'r+b') as f:
        f.truncate(size // 2)


def test_atomic_put_replaces_whole_or_not_at_all(tmp_path, monkeypatch):
    path = str(tmp_path / 'ckpt' / 'epoch_1.pth')
    backend = AtomicLocalBackend()
    backend.put(b'first', path)
    assert open(path, 'rb').read() == b'first'

    def killed(src, dst):  # the process dies before the rename
        raise KeyboardInterrupt

    monkeypatch.setattr(os, 'replace', killed)
    with pytest.raises(KeyboardInterrupt):
        backend.put(b'second, never complete', path)
    assert open(path, 'rb').read() == b'first'
    assert os.listdir(osp.dirname(path)) == ['epoch_1.pth']  # no temp left


def test_checkpoint_error_finds_truncation(tmp_path):
    path = str(tmp_path / 'epoch_1.pth')
    _save(path, 1)
    assert checkpoint_error(path) is None
    _truncate(path)
    assert 'not a complete checkpoint' in checkpoint_error(path)
    assert checkpoint_error(str(tmp_path / 'none.pth')) == 'no such file'


def test_resume_falls_back_past_a_corrupt_latest(tmp_path, capsys):
    work = str(tmp_path)
    for epoch in (1, 2, 3):
        _save(osp.join(work, f'epoch_{epoch}.pth'), epoch)
    pointer = osp.join(work, 'last_checkpoint')
    with open(pointer, 'w') as f:
        f.write(osp.join(work, 'epoch_3.pth'))
    assert checkpoint_to_resume(work) == osp.join(work, 'epoch_3.pth')

    _truncate(osp.join(work, 'epoch_3.pth'))
    assert checkpoint_to_resume(work) == osp.join(work, 'epoch_2.pth')
    out = capsys.readouterr().out
    assert 'epoch_3.pth is not a complete checkpoint' in out
    assert 'resuming from the newest intact checkpoint' in out
    assert out.rstrip().endswith('epoch_2.pth instead.')

    open(pointer, 'w').close()  # a kill while the pointer was written
    assert checkpoint_to_resume(work) == osp.join(work, 'epoch_2.pth')
    assert 'last_checkpoint is empty or missing' in capsys.readouterr().out


def test_resume_errors_name_the_files(tmp_path):
    work = str(tmp_path)
    assert checkpoint_to_resume(work) is None  # nothing saved: fresh start
    _save(osp.join(work, 'epoch_1.pth'), 1)
    _save(osp.join(work, 'epoch_2.pth'), 2)
    _truncate(osp.join(work, 'epoch_2.pth'))
    # an explicit --resume PATH that is corrupt stops, naming the fallback
    with pytest.raises(
            RuntimeError,
            match=r'epoch_2\.pth: not a complete.*'
            r'newest intact checkpoint there is .*epoch_1\.pth'):
        checkpoint_to_resume(work, osp.join(work, 'epoch_2.pth'))
    _truncate(osp.join(work, 'epoch_1.pth'))
    with pytest.raises(RuntimeError, match='no intact checkpoint in'):
        checkpoint_to_resume(work)
