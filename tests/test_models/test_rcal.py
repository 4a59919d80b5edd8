"""RCAL's calibration math by hand, and a short run from a SimCLR stage."""
import json
import os.path as osp

import numpy as np
import pytest
import torch
from conftest import REPO, tiny_cfg
from mmengine.runner import Runner

from mmlt.models.noisy import (calibrate_tail, class_gaussians, lof_inliers,
                               sample_gaussians, tail_classes)


def test_lof_removes_each_classs_far_point_and_keeps_tiny_classes():
    grid = np.stack(np.meshgrid(np.arange(5), np.arange(6)), -1)
    a = 0.1 * grid.reshape(-1, 2)  # uniform density: no outlier
    b = a + 5
    feats = np.concatenate(
        [a, [[3.0, 3.0]], b, [[-2.0, 4.0]], [[9, 9], [0, 0]]])
    labels = np.array([0] * 31 + [1] * 31 + [2, 2])
    keep = lof_inliers(feats, labels, n_neighbors=10)
    assert not keep[30] and not keep[61]  # the far point of class 0 and 1
    assert keep[:30].all() and keep[31:61].all()
    assert keep[62:].all()  # two samples: nothing to compare with


def test_class_gaussians_by_hand():
    feats = torch.tensor([[0., 0.], [2., 0.], [1., 3.], [5., 5.]])
    means, covs = class_gaussians(feats, torch.tensor([0, 0, 0, 1]), 2)
    assert torch.allclose(means[0], torch.tensor([1., 1.]))
    # deviations (-1, -1), (1, -1), (0, 2): sum of outer products / 3
    assert torch.allclose(covs[0], torch.tensor([[2., 0.], [0., 6.]]) / 3)
    assert torch.equal(covs[1], torch.zeros(2, 2))
    try:
        class_gaussians(feats, torch.tensor([0, 0, 0, 0]), 2)
    except ValueError as e:
        assert 'classes [1]' in str(e)
    else:
        raise AssertionError('an empty class must be an error')


def test_tail_is_below_the_median_and_calibrated_from_its_nearest_heads():
    counts = torch.tensor([100, 80, 60, 10, 5])
    tail = tail_classes(counts)
    assert tail.tolist() == [False, False, False, True, True]
    means = torch.tensor([[0.], [1.], [5.], [4.], [-1.]], dtype=torch.float64)
    covs = torch.arange(1., 6., dtype=torch.float64).view(5, 1, 1)
    new_means, new_covs = calibrate_tail(means, covs, tail, k=2, alpha=0.5)
    # class 3 (at 4): nearest heads 2 (at 5) and 1 (at 1)
    assert new_means[3].item() == pytest.approx((4 + 5 + 1) / 3)
    assert new_covs[3].item() == pytest.approx((3 + 2) / 2 + 0.5)
    # class 4 (at -1): nearest heads 0 (at 0) and 1 (at 1)
    assert new_means[4].item() == pytest.approx((-1 + 0 + 1) / 3)
    assert new_covs[4].item() == pytest.approx((1 + 2) / 2 + 0.5)
    assert torch.equal(new_means[:3], means[:3])
    assert torch.equal(new_covs[:3], covs[:3])


def test_samples_have_the_gaussians_moments_even_when_singular():
    means = torch.tensor([[1., -2.], [0., 3.]], dtype=torch.float64)
    covs = torch.tensor([[[2., 0.6], [0.6, 1.]], [[1., 1.], [1., 1.]]],
                        dtype=torch.float64)  # the second has rank 1
    feats, labels = sample_gaussians(means, covs, 20000,
                                     torch.Generator().manual_seed(0))
    assert labels.tolist() == [0] * 20000 + [1] * 20000
    for c in range(2):
        part = feats[labels == c]
        assert torch.allclose(part.mean(0), means[c], atol=0.05)
        assert torch.allclose(part.T.cov(), covs[c], atol=0.05)
    second = feats[labels == 1]
    assert torch.allclose(second[:, 0] - second[:, 1],
                          torch.tensor(
                              -3.0,
                              dtype=torch.float64))  # on the line of its rank


def test_short_rcal_run_from_a_simclr_stage(tmp_path):
    simclr = tiny_cfg(
        tmp_path / 'simclr',
        config=f'{REPO}/configs/ssl/simclr_r8_mnist5k-lt-if100.py')
    simclr.val_cfg.probes = ['knn']
    Runner.from_cfg(simclr).train()
    pretrained = osp.join(simclr.work_dir, 'epoch_1.pth')
    config = 'configs/noisy_label/rcal_r8_mnist5k-lt-if100-sym0.4.py'
    cfg = tiny_cfg(
        tmp_path / 'rcal', config=f'{REPO}/{config}', load_from=pretrained)
    runner = Runner.from_cfg(cfg)
    runner.train()
    model = runner.model
    backbone = torch.load(
        pretrained, map_location='cpu', weights_only=False)['state_dict']
    for name, value in model.reference.state_dict().items():
        assert torch.equal(value, backbone['backbone.' + name]), name
    assert not torch.equal(model.backbone.conv1.weight,
                           model.reference.conv1.weight)  # f trained
    with open(osp.join(cfg.work_dir, 'rcal_calibration.json')) as f:
        record = json.load(f)
    assert sum(record['observed']) == 938
    assert sum(record['kept']) == 938 - record['removed']
    assert 0 <= record['removed_wrong'] <= record['removed']
    per_class = record['samples_per_class']
    assert per_class == max(record['kept'])
    assert model.sampled_features.shape == (10 * per_class, 64)
    assert torch.bincount(model.sampled_labels).tolist() == [per_class] * 10
    assert record['tail'] == [
        c for c in range(10) if record['kept'][c] < np.median(record['kept'])
    ]
    log = open(
        osp.join(cfg.work_dir, runner.timestamp,
                 f'{runner.timestamp}.log')).read()
    assert 'loss_reg' in log and 'loss_sampled' in log
    metrics = runner.val_loop.run()
    assert 0 <= metrics['lt/balanced_acc'] <= 100
