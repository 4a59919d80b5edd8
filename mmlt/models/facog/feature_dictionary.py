"""FACoG's feature dictionary: frozen-backbone features of every training
image, stored by class (Park et al., ICCV 2023 workshops, Sec. 3.3)."""
import hashlib
from typing import Optional

import torch

from mmlt.datasets.smote_dataset import nearest_neighbours
from mmlt.utils.features import gather_outputs


class FeatureDictionary:
    """Features grouped by class, from which generation draws N_s samples.

    It is also phase 2's training set: item i is ``(feature, label)``, and
    ``get_gt_labels`` / ``metainfo`` let mmlt's samplers draw from it.

    Args:
        feats (Tensor): ``(N, d)`` features.
        labels (Tensor): ``(N, )`` class indices.
        num_classes (int): C; every class must have a feature.
        dtype (torch.dtype): Storage type (``torch.float16`` halves the
            memory). Defaults to float32.
        max_per_class (int, optional): Keep at most this many features of a
            class (a seeded random subset), for ImageNet-scale sets.
        seed (int): Seed of that subset. Defaults to 0.
    """

    def __init__(self,
                 feats: torch.Tensor,
                 labels: torch.Tensor,
                 num_classes: int,
                 dtype: torch.dtype = torch.float32,
                 max_per_class: Optional[int] = None,
                 seed: int = 0):
        labels = labels.long()
        keep = []
        gen = torch.Generator().manual_seed(seed)
        for c in range(num_classes):
            idx = torch.nonzero(labels == c).flatten()
            if len(idx) == 0:
                raise ValueError(f'FeatureDictionary: class {c} has no '
                                 'feature; every class needs one.')
            if max_per_class is not None and len(idx) > max_per_class:
                idx = idx[torch.randperm(
                    len(idx), generator=gen)[:max_per_class].sort().values]
            keep.append(idx)
        order = torch.cat(keep)
        self.feats = feats[order].to(dtype).contiguous()
        self.labels = labels[order].contiguous()
        self.counts = torch.tensor([len(i) for i in keep])
        self.offsets = torch.cumsum(self.counts, 0) - self.counts
        self.num_classes = num_classes
        self._nn = None  # (k, neighbours, how many real), by _neighbours

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int):
        return self.feats[index], self.labels[index]

    def get_gt_labels(self):
        return self.labels.numpy()

    @property
    def metainfo(self) -> dict:
        return dict(classes=tuple(range(self.num_classes)))

    @property
    def nbytes(self) -> int:
        return (self.feats.element_size() * self.feats.nelement() +
                self.labels.element_size() * self.labels.nelement())

    def checksum(self) -> str:
        """SHA-256 of features and labels: equal dictionaries, equal sums."""
        digest = hashlib.sha256(self.feats.numpy().tobytes())
        digest.update(self.labels.numpy().tobytes())
        return digest.hexdigest()

    def sample(self, labels: torch.Tensor, num_samples: int) -> torch.Tensor:
        """``(B, N_s, d)`` float32: N_s features of each label's class,
        uniformly with replacement (tail classes may have fewer than N_s)."""
        labels = labels.cpu()
        pick = (torch.rand(len(labels), num_samples) *
                self.counts[labels, None]).long()
        return self.feats[self.offsets[labels, None] + pick].float()

    def smote(self, labels: torch.Tensor, k: int = 5) -> torch.Tensor:
        """``(B, d)`` float32 SMOTE features (Chawla et al., JAIR 2002) of
        each label's class: ``x_i + u (x_j - x_i)``, ``x_i`` a uniformly
        drawn feature of the class, ``x_j`` one of its ``k`` nearest
        neighbours in the class (Euclidean; all others in a class of at most
        ``k``; a class of one feature is copied), ``u ~ U(0, 1)``."""
        neighbours, num = self._neighbours(k)
        labels = labels.cpu()
        base = self.offsets[labels] + (torch.rand(len(labels)) *
                                       self.counts[labels]).long()
        other = neighbours[base, (torch.rand(len(labels)) * num[base]).long()]
        gap = torch.rand(len(labels), 1)
        x, y = self.feats[base].float(), self.feats[other].float()
        return x + gap * (y - x)

    def _neighbours(self, k: int):
        """``(N, k)`` dictionary indices of each feature's nearest same-class
        features and ``(N, )`` how many of them are real (computed once)."""
        if self._nn is None or self._nn[0] != k:
            neighbours = torch.zeros(len(self), k, dtype=torch.long)
            num = torch.ones(len(self), dtype=torch.long)
            for offset, count in zip(self.offsets.tolist(),
                                     self.counts.tolist()):
                rows = slice(offset, offset + count)
                if count == 1:
                    neighbours[rows] = offset
                    continue
                nn = torch.from_numpy(
                    nearest_neighbours(self.feats[rows].double().numpy(), k))
                neighbours[rows, :nn.shape[1]] = offset + nn
                num[rows] = nn.shape[1]
            self._nn = (k, neighbours, num)
        return self._nn[1:]

    @classmethod
    def extract(cls, model, dataloader, num_classes: int,
                **kwargs) -> 'FeatureDictionary':
        """Features ``model.extract_feat`` of every image of ``dataloader``
        (eval mode). Under DDP each rank extracts its shard and the shards
        are gathered by ``sample_idx``
        (:func:`~mmlt.utils.gather_outputs`), so every rank holds the same
        dictionary of the whole dataset."""
        feats, labels = gather_outputs(
            model, dataloader, lambda model, inputs:
            (model.extract_feat(inputs)[-1], ))
        return cls(feats, labels, num_classes, **kwargs)
