"""COG's local decomposition: K(i), k-means relabelling, mapping back."""
import numpy as np
import pytest
import torch
from mmengine.dataset import BaseDataset
from mmpretrain.datasets.transforms import PackInputs
from mmpretrain.structures import DataSample

from mmlt.datasets import (RandomResampleSampler, SubclassDataset,
                           subclasses_per_class)
from mmlt.engine.hooks import ClassCountsHook
from mmlt.models import SubclassClsHead


class _Blobs(BaseDataset):
    """Class 0: 4 images of value 0 and 4 of value 200 (two clear
    clusters); class 1: 2 images of value 100."""
    METAINFO = dict(classes=('a', 'b'))
    VALUES = [0, 200, 0, 200, 0, 200, 0, 200, 100, 101]
    LABELS = [0] * 8 + [1] * 2

    def load_data_list(self):
        return [
            dict(img=np.full((2, 2), v, np.uint8), gt_label=label)
            for v, label in zip(self.VALUES, self.LABELS)
        ]

    def get_gt_labels(self):
        return np.array(self.LABELS)


def test_subclasses_per_class_by_hand():
    # n_min = 4: round(380 / 4) = 95 -> capped at 10; round(10 / 4) = 2
    assert subclasses_per_class([380, 10, 4]).tolist() == [10, 2, 1]
    # K(i) never exceeds n_i
    assert subclasses_per_class([9, 3], subclass_size=0.5).tolist() == [9, 3]
    # size 50: round(380 / 50) = 8, round(60 / 50) = 1, never 0
    assert subclasses_per_class([380, 60, 4],
                                subclass_size=50).tolist() == [8, 1, 1]
    assert subclasses_per_class([9, 3], max_subclasses=2).tolist() == [2, 1]
    with pytest.raises(ValueError, match='max_subclasses'):
        subclasses_per_class([9, 3], max_subclasses=0)


def test_k_means_finds_the_two_clusters_and_labels_are_contiguous():
    data = SubclassDataset(
        _Blobs(pipeline=[PackInputs(algorithm_keys=['gt_class'])]),
        subclass_size=4)
    # K = round(8 / 4) = 2 for class 0, round(2 / 4) -> 1 for class 1
    assert data.subclass_to_class.tolist() == [0, 0, 1]
    labels = data.get_gt_labels()
    zeros, two_hundreds = labels[[0, 2, 4, 6]], labels[[1, 3, 5, 7]]
    assert len(set(zeros)) == len(set(two_hundreds)) == 1
    assert {zeros[0], two_hundreds[0]} == {0, 1}
    assert labels[8:].tolist() == [2, 2]
    assert data.metainfo['classes'] == ['a/0', 'a/1', 'b/0']
    sample = data[1]['data_samples']
    assert int(sample.gt_label) == two_hundreds[0] and sample.gt_class == 0
    # the round trip: every sub-class label maps back to its image's class
    assert (data.subclass_to_class[labels] == _Blobs.LABELS).all()
    # the model still gets the class counts; a sampler sees the sub-classes
    assert ClassCountsHook.count_dataset(data).tolist() == [8, 2]
    over = RandomResampleSampler(data, mode='over', seed=0)
    assert np.bincount(labels[list(over)]).tolist() == [4, 4, 4]


def _head(merge='max'):
    head = SubclassClsHead(
        num_classes=2,
        in_channels=3,
        subclass_size=4,
        max_subclasses=3,
        merge=merge)
    head.set_class_counts([8, 2])  # K = [2, 1]
    return head


def test_head_masks_unused_outputs_and_merges_by_hand():
    head = _head()
    assert head.subclass_mask.tolist() == [[True, True, False],
                                           [True, False, False]]
    # fc: identity on the first 3 outputs, output 3 (class 1, sub-class 0)
    # reads feature 0 + feature 1
    with torch.no_grad():
        head.fc.weight.zero_()
        head.fc.bias.zero_()
        head.fc.weight[:3] = torch.eye(3)
        head.fc.weight[3] = torch.tensor([1., 1., 0.])
    feats = (torch.tensor([[1., 2., 5.]]), )
    head.eval()
    # class 0: max(1, 2) (output 2 unused, 5 masked); class 1: 1 + 2
    assert head(feats).tolist() == [[2., 3.]]
    head = _head('sum')
    head.load_state_dict(_head().state_dict())
    with torch.no_grad():
        head.fc.weight.zero_()
        head.fc.bias.zero_()
        head.fc.weight[:3] = torch.eye(3)
    head.eval()
    out = head((torch.tensor([[1., 2., 5.]]), ))
    # log(e^1 + e^2), log(e^0): the softmax is the summed probabilities
    expected = torch.tensor([[float(np.logaddexp(1., 2.)), 0.]])
    assert torch.allclose(out, expected)
    # 'mean': minus log K(i), K = [2, 1]
    mean = _head('mean')
    mean.load_state_dict(head.state_dict())
    mean.eval()
    out = mean((torch.tensor([[1., 2., 5.]]), ))
    expected = torch.tensor([[float(np.logaddexp(1., 2.) - np.log(2.)), 0.]])
    assert torch.allclose(out, expected)


def test_head_loss_is_cross_entropy_over_the_used_subclasses():
    head = _head()
    feats = (torch.randn(4, 3), )
    samples = [
        DataSample(metainfo=dict(gt_class=c)).set_gt_label(j)
        for j, c in ((0, 0), (1, 0), (2, 1), (2, 1))
    ]
    loss = head.loss(feats, samples)['loss']
    used = head.fc(feats[0])[:, [0, 1, 3]]  # sub-classes 0, 1, 2
    expected = torch.nn.functional.cross_entropy(used,
                                                 torch.tensor([0, 1, 2, 2]))
    assert torch.allclose(loss, expected)
    with pytest.raises(ValueError, match='same `subclass_size`'):
        head.loss(feats,
                  [DataSample(metainfo=dict(gt_class=1)).set_gt_label(3)] * 4)
    # sub-class 1 is class 0's second: a dataset with other K(i) is caught
    with pytest.raises(ValueError, match='do not fall in their classes'):
        head.loss(feats,
                  [DataSample(metainfo=dict(gt_class=1)).set_gt_label(1)] * 4)
    bare = SubclassDataset(_Blobs(pipeline=[PackInputs()]), subclass_size=4)
    with pytest.raises(KeyError, match="algorithm_keys=\\['gt_class'\\]"):
        bare[0]
    with pytest.raises(ValueError, match='plain CrossEntropyLoss'):
        SubclassClsHead(2, 3, loss=dict(type='LabelSmoothLoss'))
    with pytest.raises(ValueError, match='posthoc'):
        SubclassClsHead(2, 3, posthoc=dict(type='AdditiveLogitAdjust'))
