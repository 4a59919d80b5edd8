"""``load_from`` that fails on a checkpoint that does not fit the model."""
import logging
import re
from typing import Dict, List, Mapping, Sequence, Tuple

from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from .utils import unwrap_model

#: Keys listed per kind in the error; the rest are counted.
MAX_LISTED = 8
#: Buffers a run fills itself (ClassCountsMixin's), never a mismatch when
#: one side lacks them.
DERIVED = ('class_counts', )


@HOOKS.register_module()
class StrictLoadHook(Hook):
    """Refuse a ``load_from`` checkpoint whose state dict does not fit.

    mmengine loads ``load_from`` (and ``tools/test.py``'s checkpoint) with
    ``strict=False``: a CE checkpoint in an LDAM or ETF config loads with a
    warning among the log lines and is evaluated. This hook compares the
    checkpoint's state dict with the model before it is loaded
    (``after_load_checkpoint``) and raises one ``ValueError`` that names the
    file and lists the missing keys, the unexpected keys and the shape
    mismatches, unless the config declares them: ``allow_missing`` for parts
    that the recipe initialises itself (a re-initialised classifier, LWS's
    scales, NCM's class means), ``allow_unexpected`` for checkpoint parts
    that the model drops. Names are module or parameter names; ``'head.fc'``
    covers ``head.fc.weight`` and ``head.fc.bias``. An allowed missing key
    may also have another shape in the checkpoint (it keeps its
    initialisation, e.g. a zoo classifier for another number of classes).

    Always allowed: the ``class_counts`` buffers of
    :class:`~mmlt.models.utils.ClassCountsMixin` modules, missing or
    unexpected (training-set statistics that
    :class:`~mmlt.engine.hooks.ClassCountsHook` fills and checks, not
    weights), BN's ``num_batches_tracked`` (mmengine ignores it too), and
    the shape of buffers a module sizes by the data it was trained on
    (listed in its ``data_sized_buffers``, e.g. the per-image confidences
    of :class:`~mmlt.models.PartialLabelClsHead`, taken from the
    checkpoint). Resuming (``--resume``) is not checked: it restores the
    run's own state.

    mmlt's ``configs/_base_/default_runtime.py`` registers this hook as
    ``default_hooks.strict_load``.

    Example:
        >>> # cRT: the classifier is re-initialised, any checkpoint's will do
        >>> default_hooks = dict(strict_load=dict(allow_missing=('head.fc', )))
        >>> # fall back to mmengine's warning
        >>> default_hooks = dict(strict_load=dict(strict=False))

    Args:
        strict (bool): Raise on a mismatch; False logs the same line as a
            warning. Defaults to True.
        allow_missing (Sequence[str]): Model parts the checkpoint may lack
            (or hold with another shape).
        allow_unexpected (Sequence[str]): Checkpoint parts the model may
            lack.
    """
    priority = 'HIGH'  # after ClassCountsHook's class-count check

    def __init__(self,
                 strict: bool = True,
                 allow_missing: Sequence[str] = (),
                 allow_unexpected: Sequence[str] = ()):
        self.strict = strict
        self.allow_missing = _as_names(allow_missing, 'allow_missing')
        self.allow_unexpected = _as_names(allow_unexpected, 'allow_unexpected')

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        if getattr(runner, '_resume', False):
            return
        model = unwrap_model(runner)
        state = checkpoint.get('state_dict', checkpoint)
        state = {re.sub(r'^module\.', '', k): v for k, v in state.items()}
        missing, unexpected, shapes = self.compare(
            _shapes(model.state_dict()), _shapes(state), self.allow_missing,
            self.allow_unexpected)
        for name, module in model.named_modules():
            for buffer in getattr(module, 'data_sized_buffers', ()):
                shapes.pop(f'{name}.{buffer}' if name else buffer, None)
        if not (missing or unexpected or shapes):
            return
        message = self.format_mismatch(
            _source(runner), missing, unexpected, shapes)
        if self.strict:
            raise ValueError(message)
        print_log(message, logger='current', level=logging.WARNING)

    @staticmethod
    def compare(
        model: Mapping[str, tuple],
        checkpoint: Mapping[str, tuple],
        allow_missing: Sequence[str] = (),
        allow_unexpected: Sequence[str] = ()
    ) -> Tuple[List[str], List[str], Dict[str, Tuple[tuple, tuple]]]:
        """Missing keys, unexpected keys and shape mismatches
        (``key -> (checkpoint shape, model shape)``) between a model's and a
        checkpoint's ``key -> shape`` maps, less the allowed ones and the
        ``class_counts`` buffers (:data:`DERIVED`) either side lacks.

        Example:
            >>> StrictLoadHook.compare({'fc.weight': (2, 4)},
            ...                        {'fc.weight': (3, 4), 'fc.bias': (3, )})
            ([], ['fc.bias'], {'fc.weight': ((3, 4), (2, 4))})
        """
        missing = [
            k for k in model
            if k not in checkpoint and k.rsplit('.', 1)[-1] not in DERIVED +
            ('num_batches_tracked', ) and not _covered(k, allow_missing)
        ]
        unexpected = [
            k for k in checkpoint
            if k not in model and k.rsplit('.', 1)[-1] not in DERIVED
            and not _covered(k, allow_unexpected)
        ]
        shapes = {
            k: (checkpoint[k], model[k])
            for k in model if k in checkpoint and checkpoint[k] != model[k]
            and not _covered(k, allow_missing)
        }
        return missing, unexpected, shapes

    @staticmethod
    def format_mismatch(source: str, missing: Sequence[str],
                        unexpected: Sequence[str],
                        shapes: Mapping[str, Tuple[tuple, tuple]]) -> str:
        """The one-line error: shapes first, then missing, then unexpected
        keys, at most :data:`MAX_LISTED` of each, and the way out."""
        parts = []
        if shapes:
            parts.append(
                _listed([
                    f'`{k}` has shape {a}, the model expects {b}'
                    for k, (a, b) in shapes.items()
                ],
                        sep='; '))
            if any(k.startswith('head.') for k in shapes):
                parts[-1] += (' (a head for another number of classes? see '
                              'model.head.num_classes)')
        for keys, kind in ((missing, 'missing'), (unexpected, 'unexpected')):
            if keys:
                parts.append(f'{len(keys)} {kind} key'
                             f'{"s" if len(keys) > 1 else ""}: '
                             f'{_listed(list(keys))}')
        return (f'{source}: {"; ".join(parts)}. The checkpoint does not fit '
                'the model of this config; if the recipe expects that, '
                'declare the parts in default_hooks.strict_load.'
                'allow_missing / allow_unexpected (module or parameter '
                "names, e.g. 'head.fc').")


def _as_names(names, option: str) -> Tuple[str, ...]:
    if isinstance(names, str):
        raise TypeError(f'StrictLoadHook: `{option}` takes a sequence of '
                        f'names, got the string {names!r}; write '
                        f'({names!r}, ).')
    return tuple(names)


def _covered(key: str, names: Sequence[str]) -> bool:
    """Whether ``key`` is one of ``names`` or inside one of them."""
    return any(key == n or key.startswith(n.rstrip('.') + '.') for n in names)


def _shapes(state: Mapping) -> Dict[str, tuple]:
    return {k: tuple(getattr(v, 'shape', ())) for k, v in state.items()}


def _listed(items: List[str], sep: str = ', ') -> str:
    shown = sep.join(items[:MAX_LISTED])
    more = len(items) - MAX_LISTED
    return shown + (f'{sep}... ({more} more)' if more > 0 else '')


def _source(runner) -> str:
    load_from = getattr(runner, '_load_from',
                        None) or runner.cfg.get('load_from')
    return f'checkpoint {load_from}' if load_from else 'the checkpoint'
