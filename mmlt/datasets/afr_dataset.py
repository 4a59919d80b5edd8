"""AFR's rebuilt training set (Zhang et al., VISAPP 2024, Sec. 3.5)."""
import hashlib
import os.path as osp
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from mmengine.dataset import Compose
from mmpretrain.registry import TRANSFORMS
from torch.utils.data import Dataset

from mmlt.models.utils.cmo_preprocessor import cutmix_box, paste

MANIFEST = 'manifest.npz'
PERTURBED = 'perturbed.npy'
MIX_MODES = ('cutmix', 'mixup')


def check_mix_mode(mix_mode: str, owner: str) -> None:
    """Raise a ``ValueError`` naming ``owner`` for an unknown mix mode."""
    if mix_mode not in MIX_MODES:
        raise ValueError(f'{owner}: mix_mode must be one of {MIX_MODES}, '
                         f'got {mix_mode!r}.')


def build_manifest(labels: np.ndarray, num_classes: int,
                   attacked: np.ndarray, mix_share: float,
                   rng: np.random.Generator,
                   beta: float = 1.0) -> Dict[str, np.ndarray]:
    """The entries of the rebuilt set.

    Class c holds its originals, the perturbed copies of its attacked
    samples (``attacked[r]`` is the original of perturbed row r), and
    originals of c redrawn uniformly with replacement until it has ``T =
    max_c (n_c + p_c)`` entries. Then ``round(mix_share * N)`` originals,
    drawn without replacement, are each mixed with a uniformly drawn entry
    of that balanced set, with ``lam ~ Beta(beta, beta)`` and a box centre.

    Returns arrays of one row per entry: ``source`` (original index),
    ``perturbed`` (row, or -1), ``label``, ``partner`` (entry mixed in, or
    -1), ``lam`` and ``center`` (``(E, 2)`` box centre fractions).
    """
    labels = np.asarray(labels, dtype=np.int64)
    attacked = np.asarray(attacked, dtype=np.int64)
    rows = np.arange(len(attacked))
    sizes = np.bincount(labels, minlength=num_classes) + np.bincount(
        labels[attacked], minlength=num_classes)
    target = int(sizes.max())
    source, perturbed = [], []
    for c in range(num_classes):
        own = np.flatnonzero(labels == c)
        mine = rows[labels[attacked] == c]
        extra = rng.choice(own, size=target - sizes[c], replace=True)
        source += [own, attacked[mine], extra]
        perturbed += [np.full(len(own), -1), mine, np.full(len(extra), -1)]
    source, perturbed = np.concatenate(source), np.concatenate(perturbed)
    balanced = len(source)
    num_mix = int(round(mix_share * len(labels)))
    mixed = rng.choice(len(labels), size=num_mix, replace=False)
    return dict(
        source=np.concatenate([source, mixed]),
        perturbed=np.concatenate([perturbed, np.full(num_mix, -1)]),
        label=np.concatenate([labels[source], labels[mixed]]),
        partner=np.concatenate([np.full(balanced, -1),
                                rng.integers(0, balanced, size=num_mix)]),
        lam=np.concatenate([np.ones(balanced),
                            rng.beta(beta, beta, size=num_mix)]),
        center=np.concatenate([np.zeros((balanced, 2)),
                               rng.random((num_mix, 2))]))


def rebuilt_checksum(directory: str, chunk: int = 1 << 24) -> str:
    """SHA-1 of the manifest arrays and the perturbed images of a rebuild
    directory (read in chunks)."""
    sha = hashlib.sha1()
    with np.load(osp.join(directory, MANIFEST)) as manifest:
        for key in sorted(manifest.files):
            sha.update(key.encode())
            sha.update(np.ascontiguousarray(manifest[key]).tobytes())
    with open(osp.join(directory, PERTURBED), 'rb') as f:
        for block in iter(lambda: f.read(chunk), b''):
            sha.update(block)
    return sha.hexdigest()


class AFRDataset(Dataset):
    """The rebuilt set of one AFR round, read from its directory.

    Every entry is a ``(C, H, W)`` uint8 image — an original through the
    ``source`` dataset's (test) pipeline, or a perturbed row of
    ``perturbed.npy`` (memory-mapped, opened in each worker) — turned back
    to ``H x W x C`` and put through ``pipeline`` (random crop + flip +
    ``PackInputs``). A mixed entry pastes (CutMix) or blends (MixUp) its
    partner after both pipelines. Every sample carries ``gt_score``, the
    one-hot label or ``lam e_a + (1 - lam) e_b``, ``lam`` the pixel share.

    Args:
        directory (str): The round's directory (``manifest.npz``,
            ``perturbed.npy``).
        source: The long-tailed training set, giving packed uint8 images.
        pipeline (list): Transforms of the fine-tuning stage.
        num_classes (int): C.
        mix_mode (str): ``'cutmix'`` or ``'mixup'``.
    """

    def __init__(self, directory: str, source, pipeline: Sequence[dict],
                 num_classes: int, mix_mode: str = 'cutmix'):
        check_mix_mode(mix_mode, 'AFRDataset')
        self.directory = directory
        self.source = source
        self.pipeline = Compose([
            TRANSFORMS.build(t) if isinstance(t, dict) else t
            for t in pipeline
        ])
        self.num_classes = num_classes
        self.mix_mode = mix_mode
        with np.load(osp.join(directory, MANIFEST)) as manifest:
            self.entries = {k: manifest[k] for k in manifest.files}
        self._perturbed: Optional[np.ndarray] = None

    @property
    def metainfo(self) -> dict:
        return self.source.metainfo

    def get_gt_labels(self) -> np.ndarray:
        return self.entries['label']

    def __len__(self) -> int:
        return len(self.entries['label'])

    def image(self, index: int) -> np.ndarray:
        """Entry ``index``'s image before augmentation, ``H x W x C``."""
        row = int(self.entries['perturbed'][index])
        if row < 0:
            chw = self.source[int(self.entries['source'][index])]['inputs']
            chw = chw.numpy()
        else:
            if self._perturbed is None:
                self._perturbed = np.load(
                    osp.join(self.directory, PERTURBED), mmap_mode='r')
            chw = np.array(self._perturbed[row])  # a writable copy
        return np.ascontiguousarray(chw.transpose(1, 2, 0))

    def _augmented(self, index: int) -> dict:
        return self.pipeline(
            dict(img=self.image(index), sample_idx=index,
                 gt_label=int(self.entries['label'][index])))

    def __getitem__(self, index: int) -> dict:
        out = self._augmented(index)
        score = F.one_hot(torch.tensor(int(self.entries['label'][index])),
                          self.num_classes).float()
        partner = int(self.entries['partner'][index])
        if partner >= 0:
            other = self._augmented(partner)
            lam = float(self.entries['lam'][index])
            if self.mix_mode == 'cutmix':
                inputs = out['inputs']
                lam = paste(inputs, other['inputs'],
                            cutmix_box(*inputs.shape[-2:], lam,
                                       *self.entries['center'][index]))
            else:
                out['inputs'] = (lam * out['inputs'].float() +
                                 (1 - lam) * other['inputs'].float()).round(
                                 ).to(out['inputs'].dtype)
            score = lam * score + (1 - lam) * F.one_hot(
                torch.tensor(int(self.entries['label'][partner])),
                self.num_classes).float()
        out['data_samples'].set_gt_score(score)
        return out


def manifest_summary(entries: Dict[str, np.ndarray],
                     num_classes: int) -> List[int]:
    """Entries per class of the balanced part (mixed entries excluded)."""
    plain = entries['partner'] < 0
    return np.bincount(entries['label'][plain],
                       minlength=num_classes).tolist()
