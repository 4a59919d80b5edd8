import numpy as np
import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from mmlt.datasets import (ClassAwareSampler, CMOSampler,
                           InverseFrequencySampler, ProgressiveSampler,
                           RandomResampleSampler, SquareRootSampler,
                           UniformSampler)
from mmlt.utils import derive_seed


class LabelSet:
    """A dataset stand-in: just labels and class names."""

    def __init__(self, counts):
        self.labels = np.repeat(np.arange(len(counts)), counts)
        self.metainfo = dict(classes=[str(i) for i in range(len(counts))])

    def get_gt_labels(self):
        return self.labels

    def __len__(self):
        return len(self.labels)


COUNTS = [400, 100, 25, 4]


def _class_freq(sampler, epochs=1):
    labels = sampler.dataset.labels
    drawn = []
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        drawn.extend(labels[list(sampler)])
    return np.bincount(drawn, minlength=len(COUNTS)) / len(drawn)


def test_class_aware_is_class_balanced():
    sampler = ClassAwareSampler(LabelSet(COUNTS), num_samples_cls=2, seed=0)
    assert len(sampler) == sum(COUNTS)
    np.testing.assert_allclose(_class_freq(sampler), 0.25, atol=0.01)
    # consecutive draws come in runs of num_samples_cls from one class
    labels = sampler.dataset.labels[list(sampler)]
    assert all(labels[i] == labels[i + 1] for i in range(0, 40, 2))
    # a tail class cycles through all of its samples before repeating
    tail = [i for i in sampler if sampler.dataset.labels[i] == 3]
    assert sorted(tail[:4]) == list(range(525, 529))


def test_uniform_epochs_of_fixed_length_over_whole_passes():
    size = sum(COUNTS)  # 529
    sampler = UniformSampler(LabelSet(COUNTS), seed=5, num_samples=200)
    assert len(sampler) == 200
    stream = []
    for epoch in range(8):  # 1600 indices: passes 0-2 whole, pass 3 begun
        sampler.set_epoch(epoch)
        stream.extend(sampler)
    # every pass is a permutation: each sample once, in a new order
    passes = [stream[p * size:(p + 1) * size] for p in range(3)]
    for one in passes:
        assert sorted(one) == list(range(size))
    assert passes[0] != passes[1]
    # an epoch depends only on (seed, epoch): a resumed run redraws it
    again = UniformSampler(LabelSet(COUNTS), seed=5, num_samples=200)
    again.set_epoch(5)
    assert list(again) == stream[1000:1200]
    # by default one epoch is one pass
    full = UniformSampler(LabelSet(COUNTS), seed=5)
    assert sorted(full) == list(range(size))


def test_square_root_and_progressive_frequencies():
    sqrt = SquareRootSampler(LabelSet(COUNTS), seed=0, num_samples=20000)
    expected = np.sqrt(COUNTS) / np.sqrt(COUNTS).sum()
    np.testing.assert_allclose(_class_freq(sqrt), expected, atol=0.015)
    prog = ProgressiveSampler(
        LabelSet(COUNTS), total_epochs=4, seed=0, num_samples=20000)
    np.testing.assert_allclose(
        prog.progressive_probs(COUNTS, 0, 4),
        np.array(COUNTS) / sum(COUNTS))
    np.testing.assert_allclose(prog.progressive_probs(COUNTS, 4, 4), 0.25)
    prog.set_epoch(2)
    half = 0.5 * np.array(COUNTS) / sum(COUNTS) + 0.5 * 0.25
    np.testing.assert_allclose(
        np.bincount(prog.dataset.labels[list(prog)]) / 20000, half, atol=0.015)


def test_same_seed_same_sequence_and_epochs_differ():
    a = ClassAwareSampler(LabelSet(COUNTS), seed=3)
    b = ClassAwareSampler(LabelSet(COUNTS), seed=3)
    assert list(a) == list(b)
    b.set_epoch(1)
    assert list(a) != list(b)
    s1 = SquareRootSampler(LabelSet(COUNTS), seed=3)
    s2 = SquareRootSampler(LabelSet(COUNTS), seed=3)
    assert list(s1) == list(s2)


@pytest.mark.parametrize('cls', [UniformSampler, ClassAwareSampler])
def test_neighbouring_seeds_share_no_epoch(cls):
    # with ``seed + epoch`` run 1's epoch e was run 0's epoch e + 1: the
    # runs of a benchmark "over seeds" saw the same data orders
    runs = [cls(LabelSet(COUNTS), seed=s) for s in (0, 1)]
    epochs = [[], []]
    for epoch in range(3):
        for run, out in zip(runs, epochs):
            run.set_epoch(epoch)
            out.append(list(run))
    assert not any(a == b for a in epochs[0] for b in epochs[1])


def test_cmo_streams_are_independent():
    # the two streams no longer draw from one generator state
    cmo = CMOSampler(LabelSet(COUNTS), alpha=1.0, seed=7)
    assert cmo.minority.seed == derive_seed(7, CMOSampler.MINORITY_STREAM)
    assert cmo.minority.seed != cmo.instance.seed


def test_derive_seed_by_hand():
    assert derive_seed(0, 1) == int(
        np.random.SeedSequence([0, 1]).generate_state(1)[0])
    assert len({derive_seed(s, e) for s in range(4) for e in range(4)}) == 16


def test_bad_input():
    with pytest.raises(ValueError, match='zero training samples: 2'):
        ClassAwareSampler(LabelSet([5, 5, 0, 5]))
    bad = LabelSet([5, 5])
    bad.metainfo['classes'] = ['0']  # labels 1 do not exist as classes
    with pytest.raises(ValueError, match='label 1 is outside'):
        SquareRootSampler(bad)
    with pytest.raises(ValueError, match='num_samples_cls'):
        ClassAwareSampler(LabelSet(COUNTS), num_samples_cls=0)
    with pytest.raises(ValueError, match='total_epochs'):
        ProgressiveSampler(LabelSet(COUNTS), total_epochs=0)


def _shard_worker(rank, world_size, store_file, out):
    # a file rendezvous: no port to pick, so no race with other processes
    dist.init_process_group(
        'gloo',
        init_method=f'file://{store_file}',
        rank=rank,
        world_size=world_size)
    shards = {}
    for cls, kwargs in ((ClassAwareSampler, {}), (SquareRootSampler, {}),
                        (ProgressiveSampler, dict(total_epochs=5)),
                        (UniformSampler, {}), (InverseFrequencySampler,
                                               dict(alpha=1.0)),
                        (RandomResampleSampler,
                         dict(mode='over', num_samples=sum(COUNTS)))):
        sampler = cls(LabelSet(COUNTS), seed=None, **kwargs)  # synced seed
        sampler.set_epoch(1)
        generator = torch.Generator().manual_seed(derive_seed(sampler.seed, 1))
        shards[cls.__name__] = (list(sampler),
                                sampler._global_indices(generator).tolist())
    # CMO: the minority half of the pairs is this rank's shard of the
    # weighted sequence drawn from the shared seed
    cmo = CMOSampler(LabelSet(COUNTS), alpha=1.0, seed=7)
    cmo.set_epoch(1)
    minority = InverseFrequencySampler(
        LabelSet(COUNTS),
        alpha=1.0,
        seed=derive_seed(7, CMOSampler.MINORITY_STREAM))
    minority.set_epoch(1)
    shards['CMO'] = [j for _, j in cmo] == list(minority)
    out.put((rank, shards))
    dist.barrier()
    dist.destroy_process_group()


def test_ranks_draw_disjoint_shards_of_one_sequence(tmp_path):
    ctx = mp.get_context('spawn')
    out = ctx.Queue()
    store_file = str(tmp_path / 'rendezvous')
    procs = [
        ctx.Process(target=_shard_worker, args=(r, 2, store_file, out))
        for r in range(2)
    ]
    for p in procs:
        p.start()
    results = dict(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert results[0].pop('CMO') and results[1].pop('CMO')
    for name, (shard0, global0) in results[0].items():
        shard1, global1 = results[1][name]
        assert global0 == global1, name  # same sequence on every rank
        assert len(global0) == 2 * len(shard0) == 2 * len(shard1)
        assert len(shard0) == -(-sum(COUNTS) // 2)
        # rank r owns positions r, r + 2, ...: disjoint, covering the epoch
        assert shard0 == global0[0::2] and shard1 == global0[1::2]
