"""CMO's CutMix and loss; AFR's minority split, probe and PGD."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmlt.models import (BalancedSoftmaxLoss, LDAMLoss, centroid_score,
                         fit_minority_probe, minority_split, pgd_toward,
                         probe_score, select_attacked)
from mmlt.models.utils import CMODataPreprocessor
from mmlt.utils import cutmix_box


def _batch(value, labels):
    return dict(
        inputs=[
            torch.full((1, 8, 8), value, dtype=torch.uint8) for _ in labels
        ],
        data_samples=[DataSample().set_gt_label(y) for y in labels])


def test_cutmix_box_by_hand():
    # lam = 0.75: sides sqrt(0.25) = 1/2 of 8 -> 4, centred at (4, 2)
    assert cutmix_box(8, 8, 0.75, 0.5, 0.25) == (2, 6, 0, 4)
    # clipped at the border
    assert cutmix_box(8, 8, 0.75, 0.0, 1.0) == (0, 2, 6, 8)


def test_cmo_preprocessor_pastes_minority_and_mixes_labels():
    pre = CMODataPreprocessor(prob=1.0, num_classes=3, mean=[0.], std=[1.])
    np.random.seed(0)
    data = dict(_batch(10, [0, 0]), minority=_batch(200, [2, 1]))
    out = pre(data, training=True)
    inputs = out['inputs']
    # the background keeps value 10, the pasted box has the minority's 200
    lam = (inputs[0] == 10).float().mean().item()
    assert set(inputs.unique().tolist()) == {10.0, 200.0}
    assert 0 < lam < 1
    for sample, minority in zip(out['data_samples'], (2, 1)):
        expected = torch.zeros(3)
        expected[0] += lam
        expected[minority] += 1 - lam
        assert torch.allclose(sample.gt_score, expected)
    # off (CMOHook's window), in validation, or without a minority batch:
    # plain ClsDataPreprocessor behaviour
    pre.mix_active = False
    out = pre(dict(_batch(10, [0, 0]), minority=_batch(200, [2, 1])), True)
    assert (out['inputs'] == 10).all()
    assert 'gt_score' not in out['data_samples'][0]
    pre.mix_active = True
    out = pre(dict(_batch(10, [0, 0]), minority=_batch(200, [2, 1])), False)
    assert (out['inputs'] == 10).all()
    with pytest.raises(ValueError, match='num_classes'):
        CMODataPreprocessor()


@pytest.mark.parametrize('loss_cfg', [
    dict(type='LDAMLoss', num_classes=4),
    dict(type='BalancedSoftmaxLoss', num_classes=4),
])
def test_soft_target_is_lam_mixture_of_losses(loss_cfg):
    """CMO's loss: lam L(y_a) + (1 - lam) L(y_b) (Park et al., Eq. 3)."""
    loss = MODELS.build(loss_cfg)
    loss.class_counts.copy_(torch.tensor([100, 30, 8, 2]))
    torch.manual_seed(0)
    cos = torch.rand(5, 4) * 2 - 1
    a, b, lam = torch.tensor([0, 1, 2, 3, 0]), torch.tensor([3, 3, 1, 0, 0]), \
        0.3
    soft = lam * F.one_hot(a, 4).float() + (1 - lam) * F.one_hot(b, 4).float()
    assert loss(cos, soft).item() == pytest.approx(
        (lam * loss(cos, a) + (1 - lam) * loss(cos, b)).item(), rel=1e-6)
    assert isinstance(loss, (LDAMLoss, BalancedSoftmaxLoss))


def test_minority_split_by_hand():
    # class 0: mean (0.75, 0.25); cosines 0.949 (x3) and 0.316 < 0.8, so
    # one minority. class 1: mean (0.25, 1); cosines 0.970 (x3) and 0.857;
    # its training accuracy 0.5 is below the overall 0.75, so its threshold
    # is 0.5 and it has no minority
    feats = torch.tensor([[1., 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1],
                          [0, 1], [1, 1]])
    labels = torch.tensor([0, 0, 0, 0, 1, 1, 1, 1])
    preds = torch.tensor([0, 0, 0, 0, 1, 1, 0, 0])
    is_minority, thresholds = minority_split(feats, labels, preds, 2, lam=0.8)
    assert thresholds.tolist() == [0.8, 0.5]
    assert is_minority.tolist() == [
        False, False, False, True, False, False, False, False
    ]
    # with lam 0.99 the three x-axis embeddings (0.949) are minority too
    loose, _ = minority_split(
        feats, labels, torch.tensor([0] * 4 + [1] * 4), 2, lam=0.99)
    assert loose[:4].all()


def test_select_attacked_half_of_majority_of_classes_with_minority():
    labels = np.repeat([0, 1, 2], [10, 6, 4])
    is_minority = np.zeros(20, bool)
    is_minority[[0, 1, 10]] = True  # class 2 has no minority: not attacked
    chosen = select_attacked(labels, is_minority, 3, 0.5,
                             np.random.default_rng(0))
    assert np.bincount(labels[chosen], minlength=3).tolist() == [4, 2, 0]
    assert not is_minority[chosen].any()
    assert list(chosen) == sorted(chosen)


def test_probe_separates_minority():
    torch.manual_seed(0)
    labels = torch.tensor([0] * 20 + [1] * 20)
    feats = torch.randn(40, 8)
    is_minority = torch.zeros(40, dtype=torch.bool)
    is_minority[[0, 1, 2, 20, 21]] = True
    feats[is_minority, 0] += 6.0  # the minority lies along axis 0
    weight, bias = fit_minority_probe(feats, labels, is_minority, 2)
    score = probe_score(weight, bias)(feats, labels)
    assert (score[is_minority].min() > score[~is_minority].max())


class _TinyNet(torch.nn.Module):
    """extract_feat -> (features, ), head.pre_logits -> features."""

    def __init__(self, channels=1):
        super().__init__()
        self.data_preprocessor = MODELS.build(
            dict(
                type='ClsDataPreprocessor',
                mean=[128.] * channels,
                std=[64.] * channels,
                to_rgb=channels == 3))
        self.conv = torch.nn.Conv2d(channels, 4, 3, padding=1)
        self.head = MODELS.build(
            dict(type='LinearClsHead', num_classes=2, in_channels=4))

    def extract_feat(self, x):
        return (self.conv(x).relu().mean((2, 3)), )


@pytest.mark.parametrize('eps,channels', [(2.0, 1), (153.0, 1), (2.0, 3)])
def test_pgd_stays_in_budget_and_pixel_range(eps, channels):
    torch.manual_seed(0)
    model = _TinyNet(channels)  # 3 channels: BGR -> RGB in the preprocessor
    # pixels at 0 and 255 test the range clipping
    images = torch.randint(0, 256, (6, channels, 8, 8), dtype=torch.uint8)
    images[:, :, 0] = 0
    images[:, :, -1] = 255
    labels = torch.tensor([0, 1, 0, 1, 0, 1])
    target = torch.randn(2, 4)
    score = centroid_score(target)
    adv = pgd_toward(
        model, images, labels, score, steps=3, step_size=1.0, eps=eps)
    assert adv.dtype == torch.uint8
    delta = adv.int() - images.int()
    assert delta.abs().max() <= min(eps, 3)  # 3 steps of 1 never reach 153
    assert delta.abs().max() > 0
    assert model.training  # the mode it had is back

    def mean_score(x):
        x = model.data_preprocessor({'inputs': x.float()}, False)['inputs']
        return score(model.head.pre_logits(model.extract_feat(x)),
                     labels).mean().item()

    with torch.no_grad():
        assert mean_score(adv) > mean_score(images)


def test_pgd_step_below_one_pixel_is_rounded_within_budget():
    model = _TinyNet()
    images = torch.full((2, 1, 8, 8), 100, dtype=torch.uint8)
    adv = pgd_toward(
        model,
        images,
        torch.tensor([0, 1]),
        centroid_score(torch.ones(2, 4)),
        steps=1,
        step_size=0.4,
        eps=0.4)
    assert torch.equal(adv, images)  # |delta| <= floor(0.4) = 0


def test_afr_hook_bad_arguments():
    from mmlt.engine.hooks import AFRHook
    with pytest.raises(ValueError, match='PackInputs'):
        AFRHook(pipeline=[dict(type='RandomCrop', crop_size=28)])
    with pytest.raises(ValueError, match='objective'):
        AFRHook(pipeline=[dict(type='PackInputs')], objective='nearest')
    with pytest.raises(ValueError, match='mix_mode'):
        AFRHook(pipeline=[dict(type='PackInputs')], mix_mode='mosaic')
