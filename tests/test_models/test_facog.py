"""FACoG: losses, generator, dictionary, label selection (hand values)."""
import math

import pytest
import torch
from mmpretrain.registry import MODELS

from mmlt.models.facog import (ConvexWeightGenerator, FeatureDictionary,
                               lsgan_d_loss, lsgan_g_loss)
from mmlt.models.losses import SupConLoss


def _hand_supcon():
    # z1=(1,0) z2=(.6,.8) same class, z3=(-1,0) alone; tau = 1.
    # anchor 1: positive 2, others {2, 3}: -(0.6 - log(e^.6 + e^-1))
    # anchor 2: positive 1, others {1, 3}: -(0.6 - log(e^.6 + e^-.6))
    # anchor 3 has no positive and is left out
    l1 = -(0.6 - math.log(math.exp(0.6) + math.exp(-1)))
    l2 = -(0.6 - math.log(math.exp(0.6) + math.exp(-0.6)))
    return (l1 + l2) / 2


def test_supcon_matches_hand_computation():
    z = torch.tensor([[2., 0.], [0.6, 0.8], [-3., 0.]])  # normalised inside
    loss = SupConLoss(temperature=1.0)(z, torch.tensor([0, 0, 1]))
    assert loss.item() == pytest.approx(_hand_supcon(), rel=1e-6)
    # temperature divides every similarity
    z2 = torch.tensor([[1., 0.], [0., 1.]])
    loss = SupConLoss(temperature=0.1)(z2, torch.tensor([0, 0]))
    assert loss.item() == pytest.approx(0.0, abs=1e-6)  # one candidate


def test_augmented_supcon_counts_generated_features_as_positives():
    """L_asc (Eq. 4): a real feature of class 0 and a generated one of class
    0 are positives of each other, exactly as two real ones are."""
    real = torch.tensor([[1., 0.], [-1., 0.]])
    fake = torch.tensor([[0.6, 0.8]])
    feats = torch.cat([real, fake])
    labels = torch.tensor([0, 1, 0])
    # same geometry as the hand example with the anchors reordered
    assert SupConLoss(temperature=1.0)(feats, labels).item() == \
        pytest.approx(_hand_supcon(), rel=1e-6)


def test_augmented_supcon_anchors_only_the_generated_features():
    """Eq. (4) sums over the generated anchors z~_i: with the generated
    feature (0.6, 0.8) the only anchor, the loss is the hand example's
    anchor-2 term alone; the real features stay in its denominator."""
    feats = torch.tensor([[1., 0.], [-1., 0.], [0.6, 0.8]])
    labels = torch.tensor([0, 1, 0])
    anchors = torch.tensor([False, False, True])
    loss = SupConLoss(temperature=1.0)(feats, labels, anchors)
    # positive (1, 0): 0.6; others (1, 0) and (-1, 0): 0.6 and -0.6
    hand = -(0.6 - math.log(math.exp(0.6) + math.exp(-0.6)))
    assert loss.item() == pytest.approx(hand, rel=1e-6)


def test_generator_gives_convex_weights_and_hull_points():
    gen = ConvexWeightGenerator(num_classes=4, num_samples=5)
    labels = torch.tensor([0, 3, 3, 1])
    weights = gen(labels)
    assert weights.shape == (4, 5)
    assert (weights >= 0).all()
    assert torch.allclose(weights.sum(1), torch.ones(4))
    samples = torch.randn(4, 5, 7)
    fake = gen.combine(weights, samples)
    assert torch.allclose(
        fake, (weights[..., None] * samples).sum(1), atol=1e-6)
    # inside the convex hull: within the samples' box on every axis
    assert (fake <= samples.max(1).values + 1e-6).all()
    assert (fake >= samples.min(1).values - 1e-6).all()


def test_lsgan_losses():
    # D: 1/2 mean((1-1)^2, (0-1)^2) + 1/2 mean(0.5^2) = 0.25 + 0.125
    d = lsgan_d_loss(torch.tensor([1., 0.]), torch.tensor([0.5]))
    assert d.item() == pytest.approx(0.375)
    # G: 1/2 (0.5 - 1)^2
    assert lsgan_g_loss(torch.tensor([0.5])).item() == pytest.approx(0.125)


def test_feature_dictionary_sampling_cap_and_memory():
    feats = torch.arange(12.).repeat(2, 1).t()  # feature i = (i, i)
    labels = torch.tensor([0, 1, 0, 1, 0, 1, 0, 1, 0, 2, 0, 0])
    dic = FeatureDictionary(feats, labels, 3)
    assert dic.counts.tolist() == [7, 4, 1]
    drawn = dic.sample(torch.tensor([1, 2, 0]), 50)
    assert drawn.shape == (3, 50, 2)
    assert set(drawn[0, :, 0].tolist()) <= {1., 3., 5., 7.}
    assert set(drawn[1, :, 0].tolist()) == {9.}  # one feature, drawn 50x
    capped = FeatureDictionary(
        feats, labels, 3, dtype=torch.float16, max_per_class=2)
    assert capped.counts.tolist() == [2, 2, 1]
    assert capped.feats.dtype == torch.float16
    assert capped.nbytes == 5 * 2 * 2 + 5 * 8
    assert FeatureDictionary(feats, labels, 3).checksum() == dic.checksum()
    assert capped.checksum() != dic.checksum()
    with pytest.raises(ValueError, match='class 3 has no feature'):
        FeatureDictionary(feats, labels, 4)
    # phase 2's training set: (feature, label) items in class order, and
    # what mmlt's samplers read
    feat, label = dic[8]
    assert label == 1 and torch.equal(feat, dic.feats[8])
    assert dic.get_gt_labels().tolist() == [0] * 7 + [1] * 4 + [2]
    assert dic.metainfo['classes'] == (0, 1, 2)


def _facog(loss=dict(type='CrossEntropyLoss'), **kwargs):
    model = MODELS.build(
        dict(
            type='FACoG',
            backbone=dict(type='ResNetLDAM', depth=8, in_channels=1),
            neck=dict(type='GlobalAveragePooling'),
            head=dict(
                type='LTLinearClsHead',
                num_classes=3,
                in_channels=64,
                mid_channels=[64],
                loss=loss),
            projector=dict(in_channels=64, hidden=64, out_channels=16),
            **kwargs))
    model.set_class_counts([100, 10, 1])
    return model


def test_sizes_are_filled_from_the_head():
    model = _facog(loss=dict(type='LogitAdjustedLoss', tau=0.0))
    assert model.head.loss_module.num_classes == 3
    assert model.generator.num_classes == 3
    assert model.discriminator.num_classes == 3
    assert model.discriminator.net[0].in_features == 64 + 3
    with pytest.raises(
            ValueError,
            match=r'FACoG has `num_classes=3` but '
            r'`head.loss.num_classes=10`'):
        _facog(loss=dict(type='LogitAdjustedLoss', num_classes=10))
    with pytest.raises(ValueError, match=r'`discriminator.in_channels=32`'):
        _facog(discriminator=dict(type='FeatureDiscriminator', in_channels=32))


@pytest.mark.parametrize('mode,expected', [
    ('inverse', [0.01 / 1.11, 0.1 / 1.11, 1 / 1.11]),
    ('deficit', [0.0, 90 / 189, 99 / 189]),
    ('uniform', [1 / 3] * 3),
])
def test_classifier_label_selection_frequencies(mode, expected):
    model = _facog(cls_label_sampling=mode)
    torch.manual_seed(0)
    labels = model._cls_labels(30000, 'cpu')
    freq = torch.bincount(labels, minlength=3).float() / 30000
    assert torch.allclose(freq, torch.tensor(expected), atol=0.01)


def test_default_label_selection_is_gamos():
    """Sec. 3.4 adopts GAMO's selection probabilities: n_max - n_c."""
    assert _facog().cls_label_sampling == 'deficit'


def _phase2(model, feats, labels):
    """``model`` in phase 2 on a dictionary of ``feats``, with the three
    phase-2 optimisers of the shipped schedule (G's without f_proj)."""
    from mmengine.optim import OptimWrapper, OptimWrapperDict
    model.dictionary = FeatureDictionary(feats, labels, 3)
    model.phase = 2
    return OptimWrapperDict(
        **{
            name: OptimWrapper(torch.optim.SGD(module.parameters(), lr=0.01))
            for name, module in dict(
                generator=model.generator,
                discriminator=model.discriminator,
                classifier=model.head).items()
        })


def _dictionary():
    torch.manual_seed(0)
    return torch.randn(12, 64), torch.tensor([0] * 8 + [1] * 3 + [2])


def test_discriminator_sees_the_same_classes_on_both_sides():
    """Eq. (3) is conditional on c: D's real side is one dictionary feature
    of each class G generates for, so the label marginals match (a
    long-tailed real batch against uniform fakes would give D the answer
    by the label alone)."""
    model = _facog()
    feats, labels = _dictionary()
    wrappers = _phase2(model, feats, labels)
    seen = []
    forward = model.discriminator.forward

    def spy(x, y):
        seen.append((x.detach(), y.clone()))
        return forward(x, y)

    model.discriminator.forward = spy
    model.train_step([feats[:8], labels[:8]], wrappers)
    d_feats, d_labels = seen[0]  # the D step: real then generated
    real, fake = d_labels.chunk(2)
    assert torch.equal(real, fake)
    for feat, label in zip(d_feats[:len(real)], real):
        members = feats[labels == label]
        assert (members == feat).all(1).any()


def test_phase2_trains_g_d_and_f_cls_only_and_logs_g_entropy():
    """Sec. 3.4: phase 2 updates G and D and fine-tunes f_cls; f_proj and
    the backbone stay as phase 1 left them. ``g_entropy`` is the convex
    weights' normalised entropy, not part of the loss."""
    model = _facog()
    feats, labels = _dictionary()
    wrappers = _phase2(model, feats, labels)
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    anchors = []
    loss = model.contrastive_loss.forward
    model.contrastive_loss.forward = lambda z, y, a: anchors.append(a) or \
        loss(z, y, a)
    log_vars = model.train_step([feats[:8], labels[:8]], wrappers)
    # L_asc (Eq. 4) anchors the generated half (real first, then generated)
    assert anchors[0].tolist() == [False] * 8 + [True] * 8
    changed = {
        name.split('.')[0]
        for name, p in model.named_parameters()
        if not torch.equal(p, before[name])
    }
    assert changed == {'generator', 'discriminator', 'head'}
    assert all(p.grad is None for p in model.projector.parameters())
    assert 0 < log_vars['g_entropy'] <= 1
    losses = sum(v for k, v in log_vars.items() if k.startswith('loss_'))
    assert log_vars['loss'] == pytest.approx(float(losses))


def test_resample_control_adds_real_dictionary_features():
    """augment='resample': f_cls's extra features are dictionary features
    of the selected classes; G and D are not trained."""
    with pytest.raises(ValueError, match='lambda_adv=0'):
        _facog(augment='resample')
    model = _facog(augment='resample', lambda_adv=0.0, lambda_asc=0.0)
    feats, labels = _dictionary()
    wrappers = _phase2(model, feats, labels)
    seen = []
    loss = model._head_loss
    model._head_loss = lambda x, y: seen.append(x.detach()) or loss(x, y)
    gen = [p.detach().clone() for p in model.generator.parameters()]
    log_vars = model.train_step([feats[:8], labels[:8]], wrappers)
    extra = seen[0][8:]
    assert all((feats == f).all(1).any() for f in extra)
    assert all(
        torch.equal(a, b) for a, b in zip(gen, model.generator.parameters()))
    assert set(log_vars) == {'loss_cls', 'loss'}


def test_dictionary_smote_interpolates_towards_a_nearest_neighbour():
    # class 0 on a line at 0, 1, 3, 7: nearest neighbours (k=1) 1, 0, 1, 3;
    # class 1 a single feature, copied
    feats = torch.tensor([[0.], [1.], [3.], [7.], [5.]])
    dictionary = FeatureDictionary(
        feats, torch.tensor([0, 0, 0, 0, 1]), num_classes=2)
    neighbours, num = dictionary._neighbours(1)
    assert neighbours[:, 0].tolist() == [1, 0, 1, 2, 4]
    assert num.tolist() == [1, 1, 1, 1, 1]
    assert (dictionary.smote(torch.tensor([1] * 5), k=1) == 5).all()
    # k larger than the class: all other members, none repeated
    _, num = dictionary._neighbours(5)
    assert num.tolist() == [3, 3, 3, 3, 1]
    # two pairs far apart, (0, 0)-(1, 0) and (0, 10)-(1, 10): with k = 1 a
    # point lies on one of the two horizontal segments, never between the
    # pairs (where a mix of non-neighbours or of N_s draws would put it)
    square = torch.tensor([[0., 0.], [1., 0.], [0., 10.], [1., 10.]])
    dictionary = FeatureDictionary(square, torch.zeros(4), num_classes=1)
    torch.manual_seed(0)
    new = dictionary.smote(torch.zeros(400, dtype=torch.long), k=1)
    assert set(new[:, 1].tolist()) == {0., 10.}
    assert ((new[:, 0] >= 0) & (new[:, 0] <= 1)).all()
    # interpolated, not copied: u ~ U(0, 1) fills the segments
    assert 0.4 < new[:, 0].mean() < 0.6 and new[:, 0].std() > 0.2


def test_smote_control_adds_segment_points_of_the_selected_classes():
    model = _facog(augment='smote', lambda_adv=0.0, lambda_asc=0.0)
    feats, labels = _dictionary()
    wrappers = _phase2(model, feats, labels)
    seen = []
    loss = model._head_loss
    model._head_loss = lambda x, y: seen.append((x.detach(), y)) or loss(x, y)
    log_vars = model.train_step([feats[:8], labels[:8]], wrappers)
    extra, extra_labels = seen[0][0][8:], seen[0][1][8:]
    assert set(log_vars) == {'loss_cls', 'loss'}
    # new points (re-sampling would copy dictionary features; class 2's
    # one feature is copied), each within its class's bounding box
    several = [f for f, c in zip(extra, extra_labels) if c < 2]
    assert several and not any((feats == f).all(1).any() for f in several)
    for f, c in zip(extra, extra_labels):
        members = feats[labels == c]
        assert (f >= members.min(0).values - 1e-5).all()
        assert (f <= members.max(0).values + 1e-5).all()


def test_non_finite_phase2_loss_stops_with_a_clear_message():
    model = _facog()
    feats = torch.full((6, 64), float('nan'))
    labels = torch.tensor([0, 0, 0, 1, 1, 2])
    wrappers = _phase2(model, feats, labels)
    with pytest.raises(
            FloatingPointError,
            match=r'phase 2, iteration .*discriminator loss'):
        model.train_step([feats[:4], labels[:4]], wrappers)
