"""One optimiser per named group of a model's child modules."""
import copy

import torch.nn as nn
from mmengine.optim import DefaultOptimWrapperConstructor, OptimWrapperDict
from mmpretrain.registry import OPTIM_WRAPPER_CONSTRUCTORS


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class ModuleGroupsOptimWrapperConstructor:
    """Build an :class:`OptimWrapperDict` whose entries each optimise the
    listed child modules of the model, for models that step their parts
    separately in ``train_step`` (FACoG: ``main``, ``generator``,
    ``discriminator``, ``classifier``). Each entry is an ordinary
    ``optim_wrapper`` config plus ``modules``; a module may be in several
    groups. ``param_scheduler`` is then a dict with the same names.

    Example:
        >>> optim_wrapper = dict(
        ...     constructor='ModuleGroupsOptimWrapperConstructor',
        ...     main=dict(modules=['backbone', 'head'],
        ...               optimizer=dict(type='SGD', lr=0.5, momentum=0.9)),
        ...     discriminator=dict(modules=['discriminator'],
        ...                        optimizer=dict(type='SGD', lr=0.005)))
    """

    def __init__(self, optim_wrapper_cfg: dict, paramwise_cfg=None):
        if paramwise_cfg is not None:
            raise ValueError('ModuleGroupsOptimWrapperConstructor: put '
                             '`paramwise_cfg` inside each group of '
                             '`optim_wrapper`.')
        self.groups = optim_wrapper_cfg

    def __call__(self, model: nn.Module) -> OptimWrapperDict:
        model = getattr(model, 'module', model)
        wrappers = {}
        for name, cfg in self.groups.items():
            cfg = copy.deepcopy(dict(cfg))
            if 'modules' not in cfg:
                raise KeyError(f'optim_wrapper.{name}: no `modules` list.')
            modules = cfg.pop('modules')
            missing = [m for m in modules if getattr(model, m, None) is None]
            if missing:
                raise KeyError(f'optim_wrapper.{name}.modules: the model '
                               f'has no {missing}.')
            paramwise_cfg = cfg.pop('paramwise_cfg', None)
            group = nn.ModuleDict({m: getattr(model, m) for m in modules})
            wrappers[name] = DefaultOptimWrapperConstructor(
                cfg, paramwise_cfg)(
                    group)
        return OptimWrapperDict(**wrappers)
