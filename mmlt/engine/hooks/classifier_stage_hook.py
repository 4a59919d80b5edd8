"""The classifier re-balancing stage of decoupled training."""
import copy
from typing import Optional, Sequence

from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmpretrain.registry import HOOKS

from .utils import rewrap_ddp, stage_loop, unwrap_model


@HOOKS.register_module()
class ClassifierStageHook(Hook):
    """Classifier-only training in the stage ``stage`` of
    :class:`~mmlt.engine.runners.StageTrainLoop`.

    At the stage's first epoch (Kang et al., ICLR 2020, Sec. 4): the modules in
    ``freeze`` stop learning (no gradient, BN statistics frozen in eval
    mode), the modules in ``reinit`` are re-initialised and their optimizer
    state dropped (cRT), the parameters in ``trainable`` start learning
    (they are frozen before the switch; LWS's scales), the train sampler is
    replaced (e.g. class-aware), and the learning rate (and optionally the
    weight decay) of every parameter group is reset, for the stage's own
    scheduler to continue from. A stage beginning at epoch 0 runs alone from
    ``load_from`` (e.g. cRT on an mmpretrain checkpoint).

    Resuming inside the stage replays the freezing and the sampler; weights,
    optimizer state and learning rate come from the checkpoint. Under DDP
    the model is re-wrapped whenever the set of trained parameters changes
    (:func:`~mmlt.engine.hooks.utils.rewrap_ddp`), so DDP never waits for
    gradients of frozen parameters and ``find_unused_parameters`` stays off.

    Example (cRT: 30 epochs joint, 10 epochs classifier re-training):
        >>> train_cfg = dict(type='StageTrainLoop', max_epochs=40,
        ...                  stages=dict(joint=0, classifier=30))
        >>> custom_hooks = [dict(
        ...     type='ClassifierStageHook', stage='classifier',
        ...     freeze=('backbone', 'neck'), reinit=('head.fc', ),
        ...     sampler=dict(type='ClassAwareSampler'), lr=0.1)]

    Args:
        stage (str): The stage, a key of ``train_cfg.stages``.
        freeze (Sequence[str]): Module names frozen from the switch on.
        reinit (Sequence[str]): Module names re-initialised at the switch.
        trainable (Sequence[str]): Parameter or module names trained only
            from the switch on.
        sampler (dict, optional): Train sampler of the stage. Its epoch
            length must equal the first stage's (the default
            ``num_samples`` of mmlt's samplers keeps it).
        lr (float, optional): Learning rate at the switch.
        weight_decay (float, optional): Weight decay from the switch on.
    """
    priority = 'ABOVE_NORMAL'  # before DistSamplerSeedHook's set_epoch

    def __init__(self,
                 stage: str,
                 freeze: Sequence[str] = ('backbone', 'neck'),
                 reinit: Sequence[str] = (),
                 trainable: Sequence[str] = (),
                 sampler: Optional[dict] = None,
                 lr: Optional[float] = None,
                 weight_decay: Optional[float] = None):
        self.stage = stage
        self.freeze = tuple(freeze)
        self.reinit = tuple(reinit)
        self.trainable = tuple(trainable)
        self.sampler = sampler
        self.lr = lr
        self.weight_decay = weight_decay
        self.active = False

    def _params(self, runner, names):
        model = unwrap_model(runner)
        for name in names:
            try:
                target = model.get_submodule(name)
                yield from target.parameters()
            except AttributeError:
                yield model.get_parameter(name)

    def before_train(self, runner) -> None:
        begin = stage_loop(runner, self).begin(self.stage)
        if runner.epoch < begin:
            for param in self._params(runner, self.trainable):
                param.requires_grad = False
            if self.trainable:
                rewrap_ddp(runner)
        else:  # resumed inside the stage, or the stage alone
            self._enter(runner, switch=runner.epoch == begin)

    def before_train_epoch(self, runner) -> None:
        if not self.active and runner.train_loop.reached(self.stage):
            self._enter(runner, switch=True)

    def before_train_iter(self,
                          runner,
                          batch_idx: int,
                          data_batch=None) -> None:
        if self.active:  # the loop calls model.train() every epoch
            model = unwrap_model(runner)
            for name in self.freeze:
                model.get_submodule(name).eval()

    def _enter(self, runner, switch: bool) -> None:
        self.active = True
        for param in self._params(runner, self.freeze):
            param.requires_grad = False
        for param in self._params(runner, self.trainable):
            param.requires_grad = True
        if self.sampler is not None:
            self._switch_sampler(runner)
        if switch:
            self._reinit(runner)
            for group in runner.optim_wrapper.optimizer.param_groups:
                if self.lr is not None:
                    group['lr'] = self.lr
                if self.weight_decay is not None:
                    group['weight_decay'] = self.weight_decay
        # after the re-initialisation: DDP broadcasts rank 0's new weights
        rewrap_ddp(runner)
        print_log(
            f'ClassifierStageHook: classifier stage from epoch '
            f'{runner.epoch + 1} ({"switch" if switch else "resumed"}); '
            f'frozen: {", ".join(self.freeze) or "-"}; re-initialised: '
            f'{", ".join(self.reinit) if switch else "-"}.',
            logger='current')

    def _reinit(self, runner) -> None:
        model = unwrap_model(runner)
        state = runner.optim_wrapper.optimizer.state
        for name in self.reinit:
            module = model.get_submodule(name)
            module.reset_parameters()
            for param in module.parameters():
                state.pop(param, None)

    def _switch_sampler(self, runner) -> None:
        loop = runner.train_loop
        cfg = copy.deepcopy(runner.cfg.train_dataloader)
        cfg['dataset'] = loop.dataloader.dataset
        cfg['sampler'] = copy.deepcopy(self.sampler)
        old_len = len(loop.dataloader)
        # the stage sets its own learning rate: a re-timing would undo it
        new_len = len(loop.switch_dataloader(cfg, retime=False))
        if new_len != old_len:
            raise ValueError(
                f'ClassifierStageHook: the stage sampler gives {new_len} '
                f'iterations per epoch, the first stage {old_len}; keep '
                '`num_samples` at its default.')
