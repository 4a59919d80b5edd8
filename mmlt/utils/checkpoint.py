"""Kill-safe checkpoint writes and the choice of a checkpoint to resume.

A job killed while mmengine writes ``epoch_N.pth`` leaves a truncated
file behind; one killed while it writes ``last_checkpoint`` leaves an
empty pointer. :class:`AtomicLocalBackend` writes every checkpoint to a
temporary file in the same folder, flushes it to disk and renames it into
place, so a checkpoint path holds either the previous complete file or the
new one. :func:`checkpoint_to_resume` picks what ``--resume`` loads: the
latest intact checkpoint, falling back past a corrupt one and saying so.
"""
import glob
import os
import os.path as osp
import re
import tempfile
import zipfile
from pathlib import Path
from typing import List, Optional, Union

from mmengine.fileio import LocalBackend, register_backend
from mmengine.runner import find_latest_checkpoint

from mmlt.compat import launch_rank


@register_backend('mmlt_atomic_local')
class AtomicLocalBackend(LocalBackend):
    """mmengine's local file backend, with ``put`` made atomic (temporary
    file, ``fsync``, ``os.replace``).

    Example (``configs/_base_/default_runtime.py``):
        >>> default_hooks = dict(checkpoint=dict(
        ...     type='CheckpointHook',
        ...     backend_args=dict(backend='mmlt_atomic_local')))
    """

    def put(self, obj: bytes, filepath: Union[str, Path]) -> None:
        folder = osp.dirname(osp.abspath(filepath))
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=osp.basename(filepath) + '.', suffix='.tmp', dir=folder)
        try:
            with os.fdopen(fd, 'wb') as f:
                f.write(obj)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, filepath)
        except BaseException:
            if osp.exists(tmp):
                os.remove(tmp)
            raise


def checkpoint_error(path: str) -> Optional[str]:
    """Why ``path`` is not a complete checkpoint, or None if it is.

    torch saves a zip archive; a truncated or overwritten file fails its
    central directory or a member's CRC. Nothing is unpickled.
    """
    if not osp.isfile(path):
        return 'no such file'
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return f'not a complete checkpoint ({error})'
    return None if bad is None else f'member {bad} is corrupt'


def _saved_checkpoints(work_dir: str) -> List[str]:
    """``epoch_N.pth`` / ``iter_N.pth`` of ``work_dir``, newest first."""
    found = []
    for path in glob.glob(osp.join(work_dir, '*.pth')):
        match = re.fullmatch(r'(epoch|iter)_(\d+)\.pth', osp.basename(path))
        if match:
            found.append((int(match.group(2)), path))
    return [path for _, path in sorted(found, reverse=True)]


def checkpoint_to_resume(work_dir: str,
                         requested: Optional[str] = None) -> Optional[str]:
    """The checkpoint ``--resume`` should load.

    ``requested`` (``--resume PATH``) must be intact; a corrupt one is an
    error that names it and the newest intact checkpoint of its folder.
    Without it, the checkpoint that ``work_dir/last_checkpoint`` names is
    taken, or, when that one (or the pointer) is corrupt, the newest
    intact ``epoch_N`` / ``iter_N`` checkpoint, with a warning naming both.
    None when the work dir has no checkpoint (training starts afresh).

    Raises:
        RuntimeError: The requested checkpoint is corrupt, or every
            checkpoint of the work dir is.
    """
    if requested is not None:
        error = checkpoint_error(requested)
        if error is None:
            return requested
        intact = [
            p for p in _saved_checkpoints(osp.dirname(requested))
            if checkpoint_error(p) is None
        ]
        raise RuntimeError(f'--resume {requested}: {error}. ' + (
            f'The newest intact checkpoint there is {intact[0]}.'
            if intact else 'No intact checkpoint is next to it.'))
    latest = find_latest_checkpoint(work_dir) or None
    candidates = ([latest] if latest else []) + [
        p for p in _saved_checkpoints(work_dir)
        if not latest or osp.abspath(p) != osp.abspath(latest)
    ]
    if not candidates:
        return None
    for path in candidates:
        if checkpoint_error(path) is None:
            break
    else:
        raise RuntimeError(f'--resume: no intact checkpoint in {work_dir}: ' +
                           '; '.join(f'{p}: {checkpoint_error(p)}'
                                     for p in candidates))
    if path != latest:
        pointer = osp.join(work_dir, 'last_checkpoint')
        why = (f'{latest} is {checkpoint_error(latest)}'
               if latest else f'{pointer} is empty or missing')
        if launch_rank() == 0:
            print(
                f'mmlt: {why}; resuming from the newest intact checkpoint '
                f'{path} instead.',
                flush=True)
    return path
