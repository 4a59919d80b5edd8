"""Partial labels: candidate sets, PRODEN's update, RECORDS' prior."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmengine.logging import MessageHub
from mmpretrain.structures import DataSample

from mmlt.datasets import MNIST5kLT, PartialLabelDataset, candidate_sets
from mmlt.models import PartialLabelClsHead


def test_candidate_sets_rate_and_true_label():
    labels = np.random.default_rng(1).integers(10, size=20000)
    sets = candidate_sets(labels, 10, 0.3, np.random.default_rng(0))
    assert sets[np.arange(len(labels)), labels].all()
    wrong = sets.sum() - len(labels)
    assert wrong / (len(labels) * 9) == pytest.approx(0.3, abs=0.005)
    # q = 0: the true label alone
    assert (candidate_sets(labels, 10, 0.0,
                           np.random.default_rng(0)).sum(1) == 1).all()
    with pytest.raises(ValueError, match='ambiguity'):
        candidate_sets(labels, 10, 1.0, np.random.default_rng(0))


def test_dataset_hides_the_label_and_packs_the_candidates():
    pipeline = [dict(type='PackInputs', algorithm_keys=['candidates'])]
    data = PartialLabelDataset(
        MNIST5kLT(split='train', imb_factor=100, pipeline=pipeline), q=0.5)
    item = data[3]['data_samples']
    assert 'gt_label' not in item
    true = int(data.get_gt_labels()[3])
    assert item.candidates[true] == 1
    assert item.candidates.tolist() == data.candidates[3].astype(
        float).tolist()
    bare = PartialLabelDataset(
        MNIST5kLT(
            split='train', imb_factor=100, pipeline=[dict(type='PackInputs')]),
        q=0.5)
    with pytest.raises(KeyError, match="algorithm_keys=\\['candidates'\\]"):
        bare[0]


def _batch(index, candidates):
    samples = []
    for i, c in zip(index, candidates):
        sample = DataSample(metainfo=dict(sample_idx=i))
        sample.set_field(torch.tensor(c, dtype=torch.float32), 'candidates')
        samples.append(sample)
    return samples


def _head(**kwargs):
    head = PartialLabelClsHead(num_classes=3, in_channels=2, **kwargs)
    with torch.no_grad():
        head.fc.weight.copy_(torch.tensor([[1., 0.], [0., 1.], [0., 0.]]))
        head.fc.bias.zero_()
    return head


def _epoch(epoch):
    MessageHub.get_current_instance().update_info('epoch', epoch)


def test_proden_loss_and_update_by_hand():
    head = _head(update_start=1)
    feats = (torch.tensor([[2., 0.], [0., 1.]]), )
    samples = _batch([4, 1], [[1, 1, 0], [0, 1, 1]])
    logits = head.fc(feats[0]).detach()
    _epoch(0)  # uniform confidences, no update yet
    loss = head.loss(feats, samples)['loss']
    log_p = F.log_softmax(logits, 1)
    expected = -(0.5 * (log_p[0, 0] + log_p[0, 1]) + 0.5 *
                 (log_p[1, 1] + log_p[1, 2])) / 2
    assert torch.allclose(loss, expected)
    assert not head.confidence.any()  # grown to 5 rows, nothing stored
    assert head.confidence.shape == (5, 3)
    _epoch(1)
    head.loss(feats, samples)
    p = logits.softmax(1)
    # image 4: candidates {0, 1}: p restricted and renormalised
    assert torch.allclose(
        head.confidence[4],
        torch.stack([p[0, 0], p[0, 1], torch.tensor(0.)]) /
        (p[0, 0] + p[0, 1]))
    assert head.confidence[4, 0] > 0.5  # the logit favours class 0
    # the next loss reads the stored confidences
    loss = head.loss(feats, samples)['loss']
    w = head.confidence[[4, 1]]
    assert torch.allclose(loss, -(w * log_p).sum(1).mean())


def test_records_dynamic_prior_and_debiased_update_by_hand():
    head = _head(rebalance='dynamic', momentum=0.9, update_start=0)
    feats = (torch.tensor([[2., 0.], [0., 1.]]), )
    samples = _batch([0, 1], [[1, 1, 0], [0, 1, 1]])
    _epoch(0)
    head.loss(feats, samples)
    # F = 0.9 * 0 + 0.1 * mean = (0.1, 0.05); P = softmax(W F)
    assert torch.allclose(head.feat_mean, torch.tensor([0.1, 0.05]))
    log_p = torch.log(torch.softmax(torch.tensor([0.1, 0.05, 0.]), 0) + 1e-9)
    assert torch.allclose(head.log_train_prior(), log_p)
    # the update reads z - log P (F after this batch's momentum step)
    z = head.fc(feats[0]).detach() - log_p
    new = z.softmax(1) * torch.tensor([[1., 1., 0.], [0., 1., 1.]])
    assert torch.allclose(head.confidence[[0, 1]],
                          new / new.sum(1, keepdim=True))
    # eval-mode forward: the same debiased logits
    head.eval()
    assert torch.allclose(head(feats), z)


def test_records_oracle_prior_and_state_round_trip():
    head = _head(rebalance='oracle', update_start=0)
    head.set_class_counts([6, 3, 1])
    assert torch.allclose(head.log_train_prior(),
                          torch.log(torch.tensor([0.6, 0.3, 0.1])))
    _epoch(0)
    head.loss((torch.randn(2, 2), ), _batch([7, 2], [[1, 0, 1], [1, 1, 1]]))
    state = head.state_dict()
    fresh = _head(rebalance='oracle')
    fresh.load_state_dict(state)  # the saved confidences, grown or not
    assert torch.equal(fresh.confidence, head.confidence)
    assert fresh.confidence.shape == (8, 3)
    with pytest.raises(ValueError, match='takes no `loss`'):
        PartialLabelClsHead(3, 2, loss=dict(type='CrossEntropyLoss'))


def _ddp_worker(rank, store_file, out):
    import torch.distributed as dist
    dist.init_process_group(
        'gloo', init_method=f'file://{store_file}', rank=rank, world_size=2)
    head = _head(rebalance='dynamic', update_start=0)
    _epoch(0)
    # rank 0 sees images 0 and 3, rank 1 image 5: different batches
    if rank == 0:
        feats, samples = torch.tensor([[1., 0.],
                                       [0.,
                                        2.]]), _batch([0, 3],
                                                      [[1, 1, 0], [0, 1, 1]])
    else:
        feats, samples = torch.tensor([[3., 1.]]), _batch([5], [[1, 0, 1]])
    head.loss((feats, ), samples)
    # plain lists: a tensor would travel as a shared-memory handle that
    # dies with this process
    out.put((rank, head.confidence.tolist(), head.feat_mean.tolist()))
    dist.barrier()
    dist.destroy_process_group()


def test_ranks_share_confidences_and_mean_feature(tmp_path):
    import torch.multiprocessing as mp
    ctx = mp.get_context('spawn')
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_ddp_worker, args=(r, str(tmp_path / 'rdv'), out))
        for r in range(2)
    ]
    for p in procs:
        p.start()
    results = dict(
        (r, (c, f)) for r, c, f in (out.get(timeout=60) for _ in procs))
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    (c0, f0), (c1, f1) = [tuple(map(torch.tensor, results[r])) for r in (0, 1)]
    assert torch.equal(c0, c1) and torch.equal(f0, f1)
    assert c0.shape == (6, 3)
    assert (c0[[0, 3, 5]].sum(1) > 0.99).all()  # every rank's rows
    # F: 0.1 x the mean over ranks of each rank's batch mean
    expected = 0.1 * (torch.tensor([0.5, 1.]) + torch.tensor([3., 1.])) / 2
    assert torch.allclose(f0, expected)
