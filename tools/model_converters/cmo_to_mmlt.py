"""Convert a checkpoint of the official CMO code (naver-ai/cmo) to mmlt.

CMO saves ``{'epoch', 'state_dict', 'best_acc1', ...}`` with the model's
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
architecture.

Example:
    python tools/model_converters/cmo_to_mmlt.py \
        ckpt.best.pth.tar work_dirs/cmo_bs_r50_imagenet-lt.pth
"""
import argparse
import re
from collections import OrderedDict

import torch


def convert(state_dict: dict, normed_linear: bool = False) -> OrderedDict:
    """CMO model ``state_dict`` -> mmlt ``state_dict``."""
    out = OrderedDict()
    cifar = any(k.startswith(('linear.', 'module.linear.'))
                for k in state_dict)
    for key, value in state_dict.items():
        key = key[len('module.'):] if key.startswith('module.') else key
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src', help='CMO checkpoint (.pth / .pth.tar)')
    parser.add_argument('dst', help='mmlt checkpoint to write')
    parser.add_argument('--loss', choices=['CE', 'BS', 'LDAM'], default='BS',
                        help='loss CMO trained with; LDAM means NormedLinear')
    args = parser.parse_args()
    checkpoint = torch.load(args.src, map_location='cpu', weights_only=False)
    state_dict = checkpoint.get('state_dict', checkpoint)
    converted = convert(state_dict, normed_linear=args.loss == 'LDAM')
    meta = dict(source=args.src, converted_from='naver-ai/cmo')
    if 'epoch' in checkpoint:
        meta['cmo_epoch'] = checkpoint['epoch']
    torch.save(dict(state_dict=converted, meta=meta), args.dst)
    print(f'{len(converted)} tensors -> {args.dst}')


if __name__ == '__main__':
    main()
