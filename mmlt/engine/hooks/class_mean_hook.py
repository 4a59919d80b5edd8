"""Class means of training features for nearest-class-mean prediction."""
import torch
from mmengine.dist import all_reduce
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from mmlt.utils import iter_features
from .utils import unaugmented_train_loader, unwrap_model


@HOOKS.register_module()
class ClassMeanHook(Hook):
    """Fill ``head.class_means`` of an :class:`~mmlt.models.NCMHead`.

    Before every validation and test, the model (in eval mode) embeds the
    training set of the config with the test pipeline (no
    augmentation); the mean of the normalised features of each class
    (:meth:`~mmlt.models.NCMHead.normalize_features`) is summed over ranks
    and written to the head. A centred head (``centred=True``) first gets
    the mean training feature, ``feat_mean``, from one more pass. A
    test-only run without a training set keeps the means its checkpoint
    carries.

    Args:
        batch_size (int): Batch size of the feature pass. Defaults to 256.
    """
    priority = 'HIGH'

    def __init__(self, batch_size: int = 256):
        self.batch_size = batch_size
        self._loader = None

    def before_val(self, runner) -> None:
        self._update(runner)

    def before_test(self, runner) -> None:
        self._update(runner)

    @torch.no_grad()
    def _update(self, runner) -> None:
        model = unwrap_model(runner)
        if runner.cfg.get('train_dataloader') is None:
            print_log(
                'ClassMeanHook: no training set; using the class '
                'means of the checkpoint.',
                logger='current')
            return
        if self._loader is None:
            # each image once on one rank: the sums are all-reduced
            self._loader = unaugmented_train_loader(
                runner,
                batch_size=self.batch_size,
                num_workers=0,
                persistent_workers=False,
                sampler=dict(
                    type='DefaultSampler', shuffle=False, round_up=False))
        head = model.head
        was_training = model.training
        if head.centred:
            total, num = self._class_sums(model, lambda feats: feats)
            head.feat_mean.copy_(total.sum(0) / num.sum())
        sums, counts = self._class_sums(model, head.normalize_features)
        model.train(was_training)
        head.class_means.copy_(sums / counts.clamp(min=1)[:, None])

    def _class_sums(self, model, transform):
        """Per class, the sum of ``transform(features)`` over the training
        set and the number of images, summed over ranks."""
        head = model.head
        sums = torch.zeros_like(head.class_means, dtype=torch.float64)
        counts = torch.zeros(
            head.num_classes, dtype=torch.float64, device=sums.device)
        for feats, labels in iter_features(model, self._loader, progress=True):
            labels = labels.to(sums.device)
            sums.index_add_(0, labels, transform(feats).double())
            counts.index_add_(0, labels,
                              torch.ones_like(labels, dtype=counts.dtype))
        all_reduce(sums)
        all_reduce(counts)
        return sums, counts
