"""Evaluation of a self-supervised encoder: kNN and linear probes."""
import copy
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from mmengine.dist import get_dist_info
from mmengine.runner import ValLoop
from mmengine.runner.amp import autocast
from mmpretrain.registry import LOOPS
from mmpretrain.structures import DataSample
from torch.utils.data import DataLoader

from mmlt.datasets.utils import unaugmented_train_set_cfg
from mmlt.utils.features import gather_outputs

PROBES = ('knn', 'linear')


def knn_scores(bank: torch.Tensor,
               bank_labels: torch.Tensor,
               query: torch.Tensor,
               num_classes: int,
               k: int = 10,
               temperature: float = 0.07) -> torch.Tensor:
    """Class scores of a weighted kNN vote on cosine similarity.

    Each query takes its ``k`` most similar bank features (cosine of the
    L2-normalised features); neighbour ``j`` votes for its label with weight
    ``exp(s_j / temperature)``; the scores are the votes normalised to sum
    to 1 (the kNN monitor of instance discrimination, Wu et al. 2018).

    Returns:
        Tensor: ``(len(query), num_classes)``.
    """
    sim = F.normalize(query, dim=1) @ F.normalize(bank, dim=1).t()
    top, index = sim.topk(min(k, len(bank)), dim=1)
    votes = torch.zeros(len(query), num_classes, dtype=sim.dtype)
    votes.scatter_add_(1, bank_labels[index], (top / temperature).exp())
    return votes / votes.sum(1, keepdim=True)


def linear_probe(features: torch.Tensor,
                 labels: torch.Tensor,
                 num_classes: int,
                 weight_decay: float = 1e-4,
                 max_iter: int = 200) -> torch.nn.Linear:
    """Multinomial logistic regression on frozen features: full-batch
    L-BFGS on the cross-entropy plus ``weight_decay / 2 * ||W||^2``, from
    zero weights (deterministic: the same features give the same probe).
    The features are expected standardised (:class:`FeatureProbeLoop`)."""
    probe = torch.nn.Linear(features.shape[1], num_classes)
    torch.nn.init.zeros_(probe.weight)
    torch.nn.init.zeros_(probe.bias)
    optimizer = torch.optim.LBFGS(
        probe.parameters(), max_iter=max_iter, line_search_fn='strong_wolfe')

    def closure():
        optimizer.zero_grad()
        loss = F.cross_entropy(probe(features), labels) + \
            weight_decay / 2 * probe.weight.pow(2).sum()
        loss.backward()
        return loss

    with torch.enable_grad():
        optimizer.step(closure)
    return probe


@LOOPS.register_module()
class FeatureProbeLoop(ValLoop):
    """Validation of an encoder trained without labels (mmpretrain's
    self-supervised models: SimCLR, MoCo, ...) by the probes the
    self-supervised long-tailed papers report: a kNN classifier
    (:func:`knn_scores`) and a linear probe (:func:`linear_probe`), both on
    the frozen, globally pooled backbone features of a labeled probe set
    (by default the training images, unaugmented: the training set of the
    config inside its wrappers, with the evaluation pipeline), evaluated on
    the loop's dataloader (the balanced test split) by its evaluator.

    With :class:`~mmlt.evaluation.LTAccuracy`, many / medium / few follow
    the training counts (``ClassCountsHook``); each probe's metrics are
    prefixed with its name (``knn/lt/balanced_acc``,
    ``linear/lt/few``, ...). The linear probe reads the probe set's
    features standardised by their own mean and standard deviation.
    Under DDP every rank extracts its share, the features are gathered and
    every rank fits the same probes; the evaluator collects as usual.

    Example:
        >>> val_cfg = dict(type='FeatureProbeLoop', knn_k=10)

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The evaluation data.
        evaluator (Evaluator | dict | list): Its metrics.
        probe_dataloader (DataLoader | dict, optional): The labeled data
            the probes are fitted on. Defaults to the training images with
            the loop's dataloader settings and pipeline.
        probes (Sequence[str]): Which of ``'knn'``, ``'linear'`` to run.
            Defaults to both.
        knn_k (int): Neighbours of the kNN vote. Defaults to 10 (kNN@10 of
            the temperature-schedule paper's table).
        knn_temperature (float): Temperature of the vote. Defaults to 0.07.
        linear_weight_decay (float): L2 penalty of the linear probe.
            Defaults to 1e-4.
        linear_max_iter (int): L-BFGS iterations. Defaults to 200.
        fp16 (bool): Extract features under autocast. Defaults to False.
    """

    def __init__(self,
                 runner,
                 dataloader: Union[DataLoader, dict],
                 evaluator: Union[dict, list],
                 probe_dataloader: Optional[Union[DataLoader, dict]] = None,
                 probes: Sequence[str] = PROBES,
                 knn_k: int = 10,
                 knn_temperature: float = 0.07,
                 linear_weight_decay: float = 1e-4,
                 linear_max_iter: int = 200,
                 fp16: bool = False) -> None:
        super().__init__(runner, dataloader, evaluator, fp16)
        unknown = set(probes) - set(PROBES)
        if unknown:
            raise ValueError(f'FeatureProbeLoop: unknown probes '
                             f'{sorted(unknown)}; choose from {PROBES}.')
        if probe_dataloader is None:
            if not isinstance(dataloader, dict):
                raise TypeError('FeatureProbeLoop: give `probe_dataloader` '
                                'when the dataloader is built already.')
            probe_dataloader = copy.deepcopy(dataloader)
            probe_dataloader['dataset'] = unaugmented_train_set_cfg(
                runner.cfg, dataloader['dataset']['pipeline'])
        self.probe_dataloader = (
            runner.build_dataloader(probe_dataloader, seed=runner.seed)
            if isinstance(probe_dataloader, dict) else probe_dataloader)
        self.probes = tuple(probes)
        self.knn_k = knn_k
        self.knn_temperature = knn_temperature
        self.linear_weight_decay = linear_weight_decay
        self.linear_max_iter = linear_max_iter

    def run(self) -> dict:
        self.runner.call_hook('before_val')
        self.runner.call_hook('before_val_epoch')
        self.runner.model.eval()
        bank, bank_labels = self._features(self.probe_dataloader)
        query, query_labels = self._features(self.dataloader)
        num_classes = len(self.dataloader.dataset.metainfo['classes'])
        metrics = {}
        for name in self.probes:
            if name == 'knn':
                scores = knn_scores(bank, bank_labels, query, num_classes,
                                    self.knn_k, self.knn_temperature)
            else:
                mean, std = bank.mean(0), bank.std(0).clamp_min(1e-6)
                probe = linear_probe((bank - mean) / std, bank_labels,
                                     num_classes, self.linear_weight_decay,
                                     self.linear_max_iter)
                with torch.no_grad():
                    scores = probe((query - mean) / std).softmax(1)
            self.evaluator.process(self._samples(scores, query_labels))
            result = self.evaluator.evaluate(len(query))
            metrics.update({f'{name}/{k}': v for k, v in result.items()})
        self.runner.call_hook('after_val_epoch', metrics=metrics)
        self.runner.call_hook('after_val')
        return metrics

    def _features(self,
                  dataloader: DataLoader) -> Tuple[torch.Tensor, torch.Tensor]:
        """Pooled backbone features and labels of every image, in dataset
        order, on every rank (:func:`~mmlt.utils.gather_outputs`)."""

        def pooled(model, inputs):
            with autocast(enabled=self.fp16):
                feats = model.extract_feat(inputs)
            feats = feats[-1] if isinstance(feats, (tuple, list)) else feats
            feats = feats.float()
            return (feats.flatten(2).mean(2) if feats.dim() > 2 else feats, )

        model = self.runner.model
        return gather_outputs(
            getattr(model, 'module', model), dataloader, pooled)

    @staticmethod
    def _samples(scores: torch.Tensor, labels: torch.Tensor) -> List[Dict]:
        """This rank's share of the scored samples, as DefaultSampler
        shards them (the evaluator's collection restores the order)."""
        rank, world_size = get_dist_info()
        return [
            DataSample().set_pred_score(scores[i]).set_gt_label(
                int(labels[i])).to_dict()
            for i in range(rank, len(scores), world_size)
        ]
