"""CMO's CutMix of a minority patch into a majority background."""
import numpy as np
import torch
import torch.nn.functional as F
from mmpretrain.models import ClsDataPreprocessor
from mmpretrain.registry import MODELS

from mmlt.utils.mixing import cutmix_box, paste


@MODELS.register_module()
class CMODataPreprocessor(ClsDataPreprocessor):
    """Context-rich minority oversampling (Park et al., CVPR 2022, Eq. 3).

    Batches of :class:`~mmlt.datasets.CMODataset` carry a second batch,
    ``'minority'``, drawn with weights ``1 / n_c^alpha``. Both are
    normalised as by ``ClsDataPreprocessor``; in training, while
    :attr:`mix_active` (set by :class:`~mmlt.engine.hooks.CMOHook`) and with
    probability ``prob``, one CutMix box (``lam ~ Beta(beta, beta)``) of the
    minority batch is pasted into the background batch and every sample
    gets the soft target ``lam e_a + (1 - lam) e_b`` with ``lam`` the
    background's pixel share. mmlt's losses and mmpretrain's
    cross-entropy read it as ``lam L(y_a) + (1 - lam) L(y_b)`` (exact for
    CE, balanced softmax and LDAM; with class weights the batch mean is
    normalised by the mixed weights). Batches without ``'minority'``
    (validation, other loaders) pass through as in the parent class.

    Args:
        prob (float): Probability of mixing a batch. Defaults to 0.5.
        beta (float): Beta-distribution parameter of ``lam``. Defaults to 1.
        **kwargs: Arguments of ``ClsDataPreprocessor`` (``num_classes`` is
            needed for the soft targets).
    """

    def __init__(self, prob: float = 0.5, beta: float = 1.0, **kwargs):
        super().__init__(**kwargs)
        if self.num_classes is None:
            raise ValueError('CMODataPreprocessor needs `num_classes` for '
                             'its soft targets.')
        self.prob = prob
        self.beta = beta
        self.mix_active = True

    def forward(self, data: dict, training: bool = False) -> dict:
        data = dict(data)  # the caller's batch keeps its 'minority'
        minority = data.pop('minority', None)
        out = super().forward(data, training)
        if (minority is None or not training or not self.mix_active
                or np.random.rand() >= self.prob):
            return out
        second = super().forward(minority, training)
        inputs = out['inputs']
        lam = paste(
            inputs, second['inputs'],
            cutmix_box(*inputs.shape[-2:],
                       np.random.beta(self.beta, self.beta), np.random.rand(),
                       np.random.rand()))
        for sample, other in zip(out['data_samples'], second['data_samples']):
            onehot = F.one_hot(
                torch.cat([sample.gt_label, other.gt_label]),
                self.num_classes).float()
            sample.set_gt_score(lam * onehot[0] + (1 - lam) * onehot[1])
        return out
