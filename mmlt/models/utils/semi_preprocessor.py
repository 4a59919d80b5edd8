"""One batch of labeled images and unlabeled weak / strong views."""
import torch
from mmpretrain.models import ClsDataPreprocessor
from mmpretrain.registry import MODELS


@MODELS.register_module()
class SemiSupervisedDataPreprocessor(ClsDataPreprocessor):
    """Batches of :class:`~mmlt.datasets.SemiSupervisedDataset` carry
    ``'unlabeled'``: ``mu`` groups of unlabeled images in two views (weak,
    strong; ``MultiView``). All are normalised as by
    ``ClsDataPreprocessor`` and returned as one batch, so that the model's
    ``loss`` (one forward, which any DDP wrapper runs) sees them together:
    ``inputs`` the ``B`` labeled images, then the ``mu B`` weak views, then
    the ``mu B`` strong views; ``data_samples`` the labeled samples, then
    the unlabeled ones (no ``gt_label``) in the order of their views.
    Batches without ``'unlabeled'`` (validation) pass through as in the
    parent class.
    """

    def forward(self, data: dict, training: bool = False) -> dict:
        data = dict(data)  # the caller's batch keeps its 'unlabeled'
        unlabeled = data.pop('unlabeled', None)
        out = super().forward(data, training)
        if unlabeled is None:
            return out
        views = [
            super(SemiSupervisedDataPreprocessor, self).forward(
                dict(inputs=[
                    img for group in unlabeled for img in group['inputs'][view]
                ]), training)['inputs'] for view in (0, 1)
        ]
        samples = [s for group in unlabeled for s in group['data_samples']]
        return dict(
            inputs=torch.cat([out['inputs'], *views]),
            data_samples=list(out['data_samples']) + samples)
