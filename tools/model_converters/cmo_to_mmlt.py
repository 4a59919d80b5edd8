"""Convert a checkpoint of the official CMO code (naver-ai/cmo) to mmlt.

CMO saves ``{'epoch', 'state_dict', 'best_acc1', ...}`` (ImageNet-LT and
iNaturalist also ``'arch'`` and ``'optimizer'``) with the model's
``state_dict`` under ``torch.nn.DataParallel`` (keys prefixed ``module.``):

- ImageNet-LT / iNaturalist: torchvision's ResNet-50 (``conv1``, ``bn1``,
  ``layer1``-``layer4``, ``fc``) -> mmpretrain's ``ResNet`` (same names
  under ``backbone.``) and ``head.fc``;
- CIFAR-LT: the LDAM-DRW ResNet-32 (``layer1``-``layer3``, ``linear``) ->
  mmlt's ``ResNetLDAM`` (``backbone.layers.0``-``2``) and ``head.fc``.

With ``--loss LDAM`` the classifier is CMO's ``NormedLinear`` whose weight
is ``(in, out)``: it is transposed for
:class:`~mmlt.models.NormedLinearClsHead`. The result loads with
``load_from`` into ``configs/afr`` / ``configs/cmo`` configs of the same
architecture; with ``--config`` it is checked against that config's model,
key by key and shape by shape.

The checkpoint is loaded weights-only: tensors, numbers, strings and
containers, and numpy scalars (a ``best_acc1`` saved as one). A pickle that
calls anything else is refused, and nothing in it runs. An input of
another layout (e.g. an mmlt checkpoint) is refused too.

Example:
    python tools/model_converters/cmo_to_mmlt.py \
        ckpt.best.pth.tar work_dirs/cmo_bs_r50_imagenet-lt.pth \
        --config configs/cmo/bs_cmo_r50_imagenet-lt.py
"""
import argparse
import pickle
import re
import sys
from collections import OrderedDict
from typing import Dict, Iterable, List, Optional

import numpy as np
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmpretrain.registry import MODELS

# importing mmlt registers its models and allow-lists numpy's types for
# weights-only loading (mmlt.compat)
from mmlt.models.utils import ClassCountsMixin

#: Top-level names of the state dicts this tool converts.
LAYOUTS = {
    'torchvision ResNet':
    ('conv1', 'bn1', 'layer1', 'layer2', 'layer3', 'layer4', 'fc'),
    'LDAM-DRW ResNet-32':
    ('conv1', 'bn1', 'layer1', 'layer2', 'layer3', 'linear'),
}


def _numpy1_scalar() -> tuple:
    """numpy scalars under the name numpy 1 pickles them by.

    ``import mmlt`` allow-lists numpy's reconstruct types under this numpy's
    module names (``numpy._core`` in numpy 2); a checkpoint saved under
    numpy 1, as CMO's are, names ``numpy.core.multiarray.scalar``.
    """
    core = getattr(np, '_core', None) or np.core  # numpy 2 / numpy 1
    return core.multiarray.scalar, 'numpy.core.multiarray.scalar'


def load_checkpoint(path: str) -> dict:
    """``torch.load(path)`` weights-only, on CPU.

    Raises:
        ValueError: the pickle needs a global outside the allow-list.
    """
    try:
        with torch.serialization.safe_globals([_numpy1_scalar()]):
            return torch.load(path, map_location='cpu', weights_only=True)
    except pickle.UnpicklingError as err:
        found = (
            re.search(r'GLOBAL (\S+)', str(err))
            or re.search(r'WeightsUnpickler error: (.+)', str(err)))
        raise ValueError(
            'refused to load: the pickle needs '
            f'{found.group(1) if found else err}, which a weights-only load '
            'does not allow (a CMO checkpoint holds tensors, numbers and '
            'dicts only); nothing in the file was run.') from None


def _strip(key: str) -> str:
    return key[len('module.'):] if key.startswith('module.') else key


def find_layout(state_dict: dict) -> str:
    """The name in :data:`LAYOUTS` of ``state_dict``'s layout.

    Raises:
        ValueError: the top-level names match no layout; they are listed.
    """
    names = {_strip(key).split('.')[0] for key in state_dict}
    for layout, expected in LAYOUTS.items():
        if names == set(expected):
            return layout
    hint = (' (already an mmlt / mmpretrain checkpoint?)'
            if 'backbone' in names else '')
    raise ValueError(
        'not a CMO model: expected the state dict of ' +
        ' or '.join(f'{layout} ({", ".join(expected)})'
                    for layout, expected in LAYOUTS.items()) +
        f", optionally under 'module.'; found {', '.join(sorted(names))}"
        f'{hint}; first keys: {", ".join(list(state_dict)[:3])}')


def convert(state_dict: dict, normed_linear: bool = False) -> OrderedDict:
    """CMO model ``state_dict`` -> mmlt ``state_dict``.

    Raises:
        ValueError: ``state_dict`` has neither layout (:func:`find_layout`).
    """
    cifar = find_layout(state_dict) == 'LDAM-DRW ResNet-32'
    out = OrderedDict()
    for key, value in state_dict.items():
        key = _strip(key)
        if key.startswith(('fc.', 'linear.')):
            name = key.split('.', 1)[1]
            if normed_linear and name == 'weight':
                value = value.t()
            out['head.fc.' + name] = value.contiguous()
            continue
        if cifar:
            key = re.sub(r'^layer(\d)\.',
                         lambda m: f'layers.{int(m.group(1)) - 1}.', key)
        out['backbone.' + key] = value
    return out


def _listed(keys: Iterable[str], most: int = 8) -> str:
    keys = list(keys)
    more = f' ... ({len(keys)} in all)' if len(keys) > most else ''
    return ', '.join(keys[:most]) + more


def verify(converted: Dict[str, torch.Tensor], config: str) -> None:
    """Check ``converted`` against the state dict of ``config``'s model.

    The ``class_counts`` buffers are left out: ``ClassCountsHook`` fills
    them from the training set.

    Raises:
        ValueError: missing or unexpected keys, or shape mismatches, all
            listed in one line.
    """
    cfg = Config.fromfile(config)
    init_default_scope(cfg.get('default_scope', 'mmpretrain'))
    model = MODELS.build(cfg.model)
    from_data = {
        f'{name}.class_counts' if name else 'class_counts'
        for name, module in model.named_modules()
        if isinstance(module, ClassCountsMixin)
    }
    expected = {
        key: value.shape
        for key, value in model.state_dict().items() if key not in from_data
    }
    problems = []
    missing = sorted(expected.keys() - converted.keys())
    unexpected = sorted(converted.keys() - expected.keys())
    shapes = [
        f'{key} {tuple(converted[key].shape)} vs {tuple(expected[key])}'
        for key in sorted(expected.keys() & converted.keys())
        if converted[key].shape != expected[key]
    ]
    if missing:
        problems.append(f'missing {_listed(missing)}')
    if unexpected:
        problems.append(f'unexpected {_listed(unexpected)}')
    if shapes:
        problems.append(f'shape (converted vs model) {_listed(shapes)}')
    if problems:
        raise ValueError(f'does not fit the model of {config}: ' +
                         '; '.join(problems))


def check_converted(converted: Dict[str, torch.Tensor]) -> None:
    """Without a config: the result has a backbone and ``head.fc``.

    Raises:
        ValueError: ``backbone.conv1.weight`` or ``head.fc.weight`` missing.
    """
    missing = [
        key for key in ('backbone.conv1.weight', 'head.fc.weight')
        if key not in converted
    ]
    if missing:
        raise ValueError(f'the converted state dict has no {_listed(missing)}')


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src', help='CMO checkpoint (.pth / .pth.tar)')
    parser.add_argument('dst', help='mmlt checkpoint to write')
    parser.add_argument(
        '--loss',
        choices=['CE', 'BS', 'LDAM'],
        default='BS',
        help='loss CMO trained with; LDAM means NormedLinear')
    parser.add_argument(
        '--config',
        help='mmlt config whose model the result must fit '
        '(keys and shapes)')
    args = parser.parse_args(argv)
    try:
        checkpoint = load_checkpoint(args.src)
        state_dict = (
            checkpoint.get('state_dict', checkpoint) if isinstance(
                checkpoint, dict) else None)
        if not isinstance(state_dict, dict):
            raise ValueError(f'holds a {type(checkpoint).__name__}, not a '
                             'checkpoint dict or state dict')
        converted = convert(state_dict, normed_linear=args.loss == 'LDAM')
        if args.config:
            verify(converted, args.config)
        else:
            check_converted(converted)
    except ValueError as err:
        sys.exit(f'{args.src}: {err}')
    meta = dict(source=args.src, converted_from='naver-ai/cmo')
    if 'epoch' in checkpoint:
        meta['cmo_epoch'] = checkpoint['epoch']
    torch.save(dict(state_dict=converted, meta=meta), args.dst)
    checked = (f'; keys and shapes match {args.config}' if args.config else '')
    print(f'{len(converted)} tensors ({find_layout(state_dict)}) -> '
          f'{args.dst}{checked}')


if __name__ == '__main__':
    main()
