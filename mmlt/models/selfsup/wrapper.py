"""The common part of mmlt's wrappers around mmpretrain's self-supervised
models."""
import copy
from typing import List

import torch
from mmengine.model import BaseModel
from mmpretrain.registry import MODELS


class SelfSupWrapper(BaseModel):
    """An mmpretrain self-supervised model (``self.model``) seen through a
    wrapper that changes its loss: ``backbone``, ``neck``, ``head`` and
    ``extract_feat`` are the model's (the probes and SDCLR's hooks find
    them), ``forward`` is the model's except in ``'loss'`` mode, which
    calls the wrapper's :meth:`loss`.

    Args:
        model (dict): The self-supervised model.
        per_sample_loss (bool): Build the head's loss with
            ``reduction='none'`` (one loss per row). Defaults to False.
        capture_projections (bool): Keep the neck's outputs of each
            training forward in ``self._projections``. Defaults to False.
        data_preprocessor (dict, optional): The model's preprocessor.
    """

    def __init__(self,
                 model: dict,
                 per_sample_loss: bool = False,
                 capture_projections: bool = False,
                 data_preprocessor=None,
                 init_cfg=None):
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        if per_sample_loss:
            if 'loss' not in model.get('head', {}):
                raise ValueError(
                    f'{type(self).__name__}: needs the loss per sample, '
                    "built from `head.loss` of the model it wraps with "
                    "reduction='none', but that model's `head` config "
                    f"({model.get('head')}) has no `loss` key.")
            model = copy.deepcopy(model)
            model['head']['loss'] = dict(
                model['head']['loss'], reduction='none')
        self.model = MODELS.build(model)
        self._projections: List[torch.Tensor] = []
        if capture_projections:
            self.model.neck.register_forward_hook(self._capture)

    @property
    def backbone(self):
        return self.model.backbone

    @property
    def neck(self):
        return self.model.neck

    @property
    def head(self):
        return self.model.head

    def _capture(self, module, args, output) -> None:
        if self.training:
            self._projections.append(
                output[0] if isinstance(output, (tuple, list)) else output)

    def extract_feat(self, inputs: torch.Tensor):
        return self.model.extract_feat(inputs)

    def forward(self, inputs, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        return self.model(inputs, data_samples, mode)
