import numpy as np
import pytest
import torch
from mmengine.runner import Runner

MNIST5K_IF100 = [380, 227, 136, 81, 49, 29, 17, 10, 6, 3]


def _probe_cfg(make_cfg, **options):
    """The baseline with a head that declares it needs the class counts
    (a :class:`~mmlt.models.utils.ClassCountsMixin`)."""
    cfg = make_cfg(**options)
    cfg.model.head.type = 'LTLinearClsHead'
    return cfg


def _test_cfg(cfg, checkpoint):
    cfg.load_from = str(checkpoint)
    cfg.experiment_name += '_test'
    return cfg


def test_counts_reach_modules_metrics_and_checkpoints(make_cfg, tmp_path):
    runner = Runner.from_cfg(_probe_cfg(make_cfg))
    runner.train()
    assert runner.model.head.class_counts.tolist() == MNIST5K_IF100
    ckpt = torch.load(tmp_path / 'work' / 'epoch_1.pth', weights_only=True)
    assert ckpt['meta']['class_counts'] == MNIST5K_IF100
    assert ckpt['state_dict']['head.class_counts'].tolist() == MNIST5K_IF100
    metric = runner.val_evaluator.metrics[0]
    assert metric.class_counts.tolist() == MNIST5K_IF100

    # a test-only run takes the counts from the checkpoint: no training set
    cfg = _test_cfg(_probe_cfg(make_cfg), tmp_path / 'work' / 'epoch_1.pth')
    cfg.train_dataloader = cfg.train_cfg = cfg.optim_wrapper = None
    cfg.param_scheduler = None
    tester = Runner.from_cfg(cfg)
    metrics = tester.test()
    assert tester.test_evaluator.metrics[0].class_counts.tolist() == \
        MNIST5K_IF100
    assert tester.model.head.class_counts.tolist() == MNIST5K_IF100
    assert {'lt/many', 'lt/medium', 'lt/few', 'lt/ece'} <= set(metrics)


def test_eval_counts_from_config_training_set(make_cfg, tmp_path):
    runner = Runner.from_cfg(make_cfg())
    runner.train()
    path = tmp_path / 'work' / 'epoch_1.pth'
    ckpt = torch.load(path, weights_only=True)
    del ckpt['meta']['class_counts']  # e.g. an mmpretrain checkpoint
    torch.save(ckpt, path)
    tester = Runner.from_cfg(_test_cfg(make_cfg(), path))
    tester.test()
    assert tester.test_evaluator.metrics[0].class_counts.tolist() == \
        MNIST5K_IF100


def test_explicit_override(make_cfg):
    cfg = _probe_cfg(make_cfg)
    cfg.default_hooks.class_counts.class_counts = [1] * 10
    runner = Runner.from_cfg(cfg)
    runner.train()
    assert runner.model.head.class_counts.tolist() == [1] * 10


def test_num_classes_mismatch_with_training_set(make_cfg):
    cfg = make_cfg()
    cfg.model.head.num_classes = 12
    with pytest.raises(
            ValueError,
            match=r'training set .* has 10 classes '
            r'but .* model.head.num_classes=12'):
        Runner.from_cfg(cfg).train()


def test_checkpoint_with_other_class_count(make_cfg, tmp_path):
    runner = Runner.from_cfg(make_cfg())
    runner.train()
    path = tmp_path / 'work' / 'epoch_1.pth'
    cfg = _test_cfg(make_cfg(), path)
    cfg.model.head.num_classes = 5
    cfg.default_hooks.class_counts.class_counts = [9] * 5
    with pytest.raises(
            ValueError,
            match=r'epoch_1.pth has 10 classes but '
            r'the config sets model.head.num_classes=5'):
        Runner.from_cfg(cfg).test()
    ckpt = torch.load(path, weights_only=True)
    del ckpt['meta']['class_counts']
    torch.save(ckpt, path)
    cfg.experiment_name += '_2'
    with pytest.raises(
            ValueError,
            match=r'epoch_1.pth: `head.fc.weight` has '
            r'shape \(10, 64\), the model expects \(5, 64\)'):
        Runner.from_cfg(cfg).test()


def test_zero_sample_class_in_training_set(make_cfg):
    cfg = make_cfg()
    cfg.train_dataloader.dataset.imb_factor = 1000  # 380 / 1000 < 1
    with pytest.raises(ValueError, match='class 8 with 0 samples'):
        Runner.from_cfg(cfg).train()


def test_count_dataset_rejects_empty_class():
    from mmlt.engine.hooks import ClassCountsHook

    class Empty:
        metainfo = dict(classes=['a', 'b', 'c'])

        def get_gt_labels(self):
            return np.array([0, 0, 2])

    with pytest.raises(ValueError, match='training set Empty: 1 class.* b'):
        ClassCountsHook.count_dataset(Empty())
