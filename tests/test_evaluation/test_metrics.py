import json

import numpy as np
import pytest
import torch

from mmlt.evaluation import ECE, LTAccuracy

# 4 classes, training counts: many (>100), medium, medium, few (<20)
COUNTS = [200, 100, 20, 5]


def _scores(preds, num_classes=4):
    scores = np.full((len(preds), num_classes), 0.1)
    scores[np.arange(len(preds)), preds] = 0.7
    return scores


def test_lt_accuracy_hand_computed():
    gt = np.array([0, 0, 1, 1, 2, 2, 3, 3])
    pred = np.array([0, 0, 1, 0, 0, 0, 3, 0])
    m = LTAccuracy.calculate(_scores(pred), gt, COUNTS, topk=(1, 2))
    # per-class recall: 100, 50, 0, 50
    np.testing.assert_allclose(m['per_class'], [100, 50, 0, 50])
    assert m['top1'] == pytest.approx(100 * 4 / 8)
    assert m['balanced_acc'] == pytest.approx(50.0) == m['acsa']
    assert m['many'] == 100 and m['medium'] == 25 and m['few'] == 50
    assert m['gm'] == 0.0  # class 2 scores 0
    # top-2: ties at 0.1 break by class index, so the runner-up is class 0
    # or 1: hits for samples 0-5 (0 in top2 of everything) ... count them
    order = np.argsort(-_scores(pred), axis=1, kind='stable')[:, :2]
    assert m['top2'] == pytest.approx(
        100 * np.mean([g in o for g, o in zip(gt, order)]))


def test_gm_and_empty_groups():
    gt = np.array([0, 0, 1, 1])
    pred = np.array([0, 1, 1, 1])
    m = LTAccuracy.calculate(_scores(pred, 2), gt, [500, 300])
    assert m['gm'] == pytest.approx(np.sqrt(50 * 100))
    assert np.isnan(m['few']) and np.isnan(m['medium'])
    with pytest.raises(ValueError, match='training counts 3'):
        LTAccuracy.calculate(_scores(pred, 2), gt, [1, 2, 3])


def _samples(preds, gts, num_classes=4):
    scores = torch.as_tensor(_scores(np.array(preds), num_classes))
    return [
        dict(pred_score=s, gt_label=torch.tensor(g))
        for s, g in zip(scores, gts)
    ]


def test_metric_process_and_dump(tmp_path):
    out = tmp_path / 'pc.json'
    metric = LTAccuracy(per_class_json=str(out))
    metric.dataset_meta = dict(classes=['a', 'b', 'c', 'd'])
    metric.process(None, _samples([0, 1, 2, 0], [0, 1, 2, 3]))
    with pytest.raises(RuntimeError, match='ClassCountsHook'):
        metric.evaluate(4)
    metric.process(None, _samples([0, 1, 2, 0], [0, 1, 2, 3]))
    metric.class_counts = np.array(COUNTS)
    result = metric.evaluate(4)
    assert result['lt/top1'] == 75.0 and result['lt/few'] == 0.0
    rows = json.loads(out.read_text())
    assert rows[3] == dict(cls='d', train_count=5, accuracy=0.0)


def test_ece_hand_computed(tmp_path):
    conf = np.array([0.95, 0.95, 0.55, 0.55, 0.25])
    correct = np.array([1, 0, 1, 1, 0])
    ece, bins = ECE.calculate(conf, correct, num_bins=10)
    # bins: (0.9,1]: acc .5 conf .95 -> 2/5*.45; (0.5,0.6]: acc 1 conf .55
    # -> 2/5*.45; (0.2,0.3]: acc 0 conf .25 -> 1/5*.25
    assert ece == pytest.approx(100 * (0.4 * 0.45 + 0.4 * 0.45 + 0.2 * 0.25))
    assert bins[9][0] == 2 and bins[5][0] == 2 and bins[2][0] == 1
    metric = ECE(num_bins=10, reliability_png=str(tmp_path / 'r.png'))
    metric.process(None, [
        dict(pred_score=torch.tensor([c, 1 - c]), gt_label=torch.tensor(0))
        for c in (0.95, 0.85)
    ])
    assert metric.evaluate(2)['lt/ece'] == pytest.approx(10.0)
    assert (tmp_path / 'r.png').stat().st_size > 0
