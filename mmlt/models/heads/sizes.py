"""Sizes a module owns and fills into the configs of the parts it builds."""
import inspect
from typing import Union

import torch.nn as nn
from mmpretrain.registry import MODELS


def fill_sizes(cfg: Union[dict, nn.Module], where: str, owner: str,
               **sizes: int) -> Union[dict, nn.Module]:
    """``cfg`` with each of ``sizes`` its module takes set where it is absent.

    A head knows its ``num_classes`` and ``in_channels``; its loss and
    weight regulariser need the same numbers. A size is filled only when
    the ``__init__`` of the config's type names it (``CrossEntropyLoss``
    takes no ``num_classes``), as ``MODELS.build(cfg, default_args=...)``
    would set it, but a config that gives another value is an error instead
    of a part built for another class count.

    Example:
        >>> fill_sizes(dict(type='BalancedSoftmaxLoss'), 'loss',
        ...            'LTLinearClsHead', num_classes=10)
        {'type': 'BalancedSoftmaxLoss', 'num_classes': 10}

    Args:
        cfg (dict | nn.Module): Config of the part, or the built part
            (then only checked, where it keeps the size as an attribute).
        where (str): Name of the part's argument, for the error message.
        owner (str): Name of the module that owns the sizes.
        **sizes (int): The owner's sizes, e.g. ``num_classes=10``.

    Returns:
        dict | nn.Module: A new config with the sizes filled in, or the
        module as it was given.

    Raises:
        ValueError: ``cfg`` gives a size other than the owner's.
    """
    if isinstance(cfg, nn.Module):
        given = {n: getattr(cfg, n) for n in sizes if hasattr(cfg, n)}
        _check(given, where, owner, sizes)
        return cfg
    _check({n: cfg[n] for n in sizes if n in cfg}, where, owner, sizes)
    takes = _init_args(cfg['type'])
    filled = {n: v for n, v in sizes.items() if n in takes and n not in cfg}
    return dict(cfg, **filled)


def _init_args(type_) -> set:
    """Names of the ``__init__`` arguments of a class or registered name."""
    cls = type_ if inspect.isclass(type_) else MODELS.get(type_)
    return set() if cls is None else set(inspect.signature(cls).parameters)


def _check(given: dict, where: str, owner: str, sizes: dict) -> None:
    for name, value in given.items():
        if value != sizes[name]:
            raise ValueError(
                f'{owner} has `{name}={sizes[name]}` but `{where}.{name}='
                f'{value}`; leave `{name}` out of `{where}`: {owner} fills '
                'it in.')
