import io
import pickle

import pytest
import torch
from mmengine.logging import HistoryBuffer
from mmengine.runner import Runner


def test_resume_after_epoch_one(make_cfg, tmp_path):
    first = Runner.from_cfg(make_cfg(max_epochs=1))
    first.train()
    weights = {k: v.clone() for k, v in first.model.state_dict().items()}
    cfg = make_cfg(max_epochs=2)
    cfg.resume = True  # latest checkpoint of the work dir, weights-only load
    second = Runner.from_cfg(cfg)
    second.train()
    assert second.epoch == 2 and second.iter == 2 * first.iter
    ckpt = torch.load(tmp_path / 'work' / 'epoch_1.pth', weights_only=True)
    assert all(torch.equal(ckpt['state_dict'][k], weights[k]) for k in weights)
    assert isinstance(ckpt['message_hub']['log_scalars']['train/loss'],
                      HistoryBuffer)


def test_load_from_a_checkpoint(make_cfg, tmp_path):
    Runner.from_cfg(make_cfg()).train()
    cfg = make_cfg()
    cfg.work_dir = str(tmp_path / 'finetune')
    cfg.load_from = str(tmp_path / 'work' / 'epoch_1.pth')
    runner = Runner.from_cfg(cfg)
    runner.train()
    assert runner.epoch == 1


class Payload:
    """Anything outside the allow-list."""


def _pickled(obj):
    buf = io.BytesIO()
    torch.save(obj, buf)
    buf.seek(0)
    return buf


def test_weights_only_still_refuses_other_objects():
    with pytest.raises(pickle.UnpicklingError):
        torch.load(_pickled({'x': Payload()}), weights_only=True)

    class Lookup:
        """Pickles as ``getattr(owner, name)``."""

        def __init__(self, owner, name):
            self.owner, self.name = owner, name

        def __reduce__(self):
            return getattr, (self.owner, self.name)

    # the one lookup mmengine checkpoints need is allowed ...
    loaded = torch.load(
        _pickled({'m': Lookup(HistoryBuffer, 'mean')}), weights_only=True)
    assert loaded['m'] is HistoryBuffer.mean
    # ... and nothing else: other owners, private or dunder attributes
    for owner, name in ((torch.Tensor, 'add_'), (HistoryBuffer,
                                                 '__init_subclass__'),
                        (HistoryBuffer, '_set_default_statistics')):
        with pytest.raises(pickle.UnpicklingError):
            torch.load(_pickled({'x': Lookup(owner, name)}), weights_only=True)
