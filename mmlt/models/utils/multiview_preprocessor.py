"""Classification data preprocessor for batches of several views."""
import torch
from mmpretrain.models import ClsDataPreprocessor
from mmpretrain.registry import MODELS


@MODELS.register_module()
class MultiViewClsDataPreprocessor(ClsDataPreprocessor):
    """:class:`ClsDataPreprocessor` that also takes ``MultiView`` batches.

    Samples whose ``inputs`` are lists of views (mmpretrain's ``MultiView``
    transform) are collated view by view: ``inputs[v]`` holds view v of
    every sample, stacked (``default_collate``) or not (``pseudo_collate``).
    Each view is normalised and stacked as the parent class does, giving a
    list of batches; single-view batches (validation,
    test) pass through unchanged. Batch augmentations are not applied to
    multi-view batches.
    """

    def forward(self, data: dict, training: bool = False) -> dict:
        inputs = data['inputs']
        single = isinstance(
            inputs, torch.Tensor) or (isinstance(inputs[0], torch.Tensor)
                                      and inputs[0].dim() == 3)
        if single:
            return super().forward(data, training)
        views, data_samples = [], data.get('data_samples')
        for i, view in enumerate(inputs):
            out = super().forward(
                dict(
                    inputs=list(view),
                    data_samples=data_samples if i == 0 else None), False)
            views.append(out['inputs'])
            if i == 0:
                data_samples = out['data_samples']
        return dict(inputs=views, data_samples=data_samples)
