"""AFR's rebuilt training set (Zhang et al., VISAPP 2024, Sec. 3.5)."""
import hashlib
import os
import os.path as osp
from typing import Dict, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from mmengine.dataset import Compose
from mmengine.dist import all_gather_object
from mmpretrain.registry import TRANSFORMS
from torch.utils.data import Dataset

from mmlt.utils.mixing import cutmix_box, paste

MANIFEST = 'manifest.npz'
PERTURBED = 'perturbed.npy'
MIX_MODES = ('cutmix', 'mixup')


def check_afr_options(pipeline: Sequence[dict], mix_mode: str,
                      owner: str) -> None:
    """Raise a ``ValueError`` naming ``owner`` for an unknown mix mode or a
    fine-tuning pipeline that does not end with ``PackInputs``."""
    if mix_mode not in MIX_MODES:
        raise ValueError(f'{owner}: mix_mode must be one of {MIX_MODES}, '
                         f'got {mix_mode!r}.')
    last = pipeline[-1] if pipeline else None
    if not (isinstance(last, dict) and last.get('type') == 'PackInputs'):
        raise ValueError(f"{owner}: `pipeline` must end with dict(type="
                         f"'PackInputs'), got {pipeline!r}.")


def create_round(directory: str, entries: Dict[str, np.ndarray],
                 num_perturbed: int, image_shape: Tuple[int, ...]) -> None:
    """Write a round's manifest and an empty ``(num_perturbed, C, H, W)``
    uint8 memory map for its perturbed images into ``directory``."""
    os.makedirs(directory, exist_ok=True)
    np.savez(osp.join(directory, MANIFEST), **entries)
    np.lib.format.open_memmap(
        osp.join(directory, PERTURBED),
        mode='w+',
        dtype=np.uint8,
        shape=(num_perturbed, ) + tuple(image_shape)).flush()


def check_round(directory: str) -> None:
    """Raise a ``FileNotFoundError`` naming a missing file of a round."""
    for name in (MANIFEST, PERTURBED):
        if not osp.isfile(osp.join(directory, name)):
            raise FileNotFoundError(
                f'AFR: {osp.join(directory, name)} is missing; the run that '
                'saved the checkpoint wrote it, and resuming inside its '
                'round needs it.')


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


def shared_checksum(directory: str, expected: Optional[str] = None) -> str:
    """:func:`rebuilt_checksum` of ``directory``, checked to be the same on
    every rank and, when given, ``expected`` (the checkpoint's)."""
    check_round(directory)
    checksum = rebuilt_checksum(directory)
    sums = all_gather_object(checksum)
    if len(set(sums)) > 1:
        raise RuntimeError(f'AFR: the ranks read different rebuilt sets in '
                           f'{directory} (checksums {sums}).')
    if expected not in (None, checksum):
        raise RuntimeError(
            f'AFR: {directory} changed since the checkpoint was saved '
            f'(checksum {expected[:16]} then, {checksum[:16]} now).')
    return checksum


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

    def __init__(self,
                 directory: str,
                 source,
                 pipeline: Sequence[dict],
                 num_classes: int,
                 mix_mode: str = 'cutmix'):
        check_afr_options(pipeline, mix_mode, 'AFRDataset')
        self.directory = directory
        self.source = source
        self.pipeline = Compose([
            TRANSFORMS.build(t) if isinstance(t, dict) else t for t in pipeline
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
            dict(
                img=self.image(index),
                sample_idx=index,
                gt_label=int(self.entries['label'][index])))

    def __getitem__(self, index: int) -> dict:
        out = self._augmented(index)
        score = F.one_hot(
            torch.tensor(int(self.entries['label'][index])),
            self.num_classes).float()
        partner = int(self.entries['partner'][index])
        if partner >= 0:
            other = self._augmented(partner)
            lam = float(self.entries['lam'][index])
            if self.mix_mode == 'cutmix':
                inputs = out['inputs']
                lam = paste(
                    inputs, other['inputs'],
                    cutmix_box(*inputs.shape[-2:], lam,
                               *self.entries['center'][index]))
            else:
                out['inputs'] = (
                    lam * out['inputs'].float() +
                    (1 - lam) * other['inputs'].float()).round().to(
                        out['inputs'].dtype)
            score = lam * score + (1 - lam) * F.one_hot(
                torch.tensor(int(self.entries['label'][partner])),
                self.num_classes).float()
        out['data_samples'].set_gt_score(score)
        return out
