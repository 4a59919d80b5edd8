"""Helpers shared by mmlt's hooks."""
import copy
import gc
import os

from mmengine.dist import broadcast
from mmengine.logging import print_log
from mmengine.model import (MMDistributedDataParallel,
                            MMSeparateDistributedDataParallel,
                            is_model_wrapper)
from mmengine.registry import MODEL_WRAPPERS
from torch.nn.parallel import DistributedDataParallel

from mmlt.datasets.utils import unaugmented_train_set_cfg
from ..runners import StageTrainLoop


def stage_loop(runner, hook):
    """The runner's :class:`~mmlt.engine.runners.StageTrainLoop`; a
    ``TypeError`` naming ``hook`` when the training loop is another one."""
    loop = runner.train_loop
    if not isinstance(loop, StageTrainLoop):
        raise TypeError(
            f"{type(hook).__name__} runs in a stage of train_cfg = dict("
            "type='StageTrainLoop', stages=dict(...)); the training loop is "
            f'{type(loop).__name__}.')
    return loop


def unaugmented_train_loader(runner, pipeline=None, **overrides):
    """Every training image once, unaugmented, not resampled: the training
    set (:func:`~mmlt.datasets.unaugmented_train_set_cfg`) through the test
    loader's settings, updated with ``overrides`` (``batch_size``,
    ``sampler``, ...). For feature statistics and dataset rebuilds."""
    cfg = runner.cfg
    return runner.build_dataloader(
        dict(
            cfg.test_dataloader,
            dataset=unaugmented_train_set_cfg(cfg, pipeline),
            **overrides))


def sync_buffers(model) -> None:
    """Give every rank rank 0's buffers (BN statistics), the ones its
    checkpoints keep: DDP without ``broadcast_buffers`` leaves each rank its
    own, and a dataset rebuilt from the model must be the same on all."""
    for buffer in model.buffers():
        broadcast(buffer, src=0)


def unwrap_model(runner):
    """The runner's model without its (DDP) wrapper."""
    model = runner.model
    return model.module if is_model_wrapper(model) else model


def rewrap_ddp(runner) -> None:
    """Wrap the runner's model in a fresh DDP after a hook changed which
    parameters require grad; a no-op when the model is not DDP-wrapped.

    DDP's reducer covers the parameters that required grad when it was
    built, and expects a gradient for each of them in every iteration, so
    freezing part of the model after the runner wrapped it (a classifier
    stage) fails at the next backward. A fresh wrapper, built from the
    runner's ``model_wrapper_cfg`` as :meth:`Runner.wrap_model` builds it
    (``device_ids=None`` on CPU, see
    :func:`mmlt.compat.setup_cpu_distributed`),
    covers only the parameters that train now, without
    ``find_unused_parameters``. The parameters are the same objects, so the
    optimizer and its state stay valid; like any DDP construction, every
    rank must call it at the same point, and rank 0's parameters and buffers
    are broadcast to the others (re-initialised layers agree across ranks).
    """
    old = runner.model
    if not isinstance(old, DistributedDataParallel):
        return
    if isinstance(old, MMSeparateDistributedDataParallel):
        raise NotImplementedError(
            'rewrap_ddp: MMSeparateDistributedDataParallel wraps each child '
            'on its own and is not rebuilt; a child that stops training must '
            "stop running (as FACoG's backbone in phase 2).")
    cfg = copy.deepcopy(runner.cfg.get('model_wrapper_cfg'))
    if cfg is None:  # Runner.wrap_model's default
        cfg = dict(
            broadcast_buffers=False,
            find_unused_parameters=runner.cfg.get('find_unused_parameters',
                                                  False))
    cfg.setdefault('type', MMDistributedDataParallel.__name__)
    cfg.setdefault('device_ids', [int(os.environ['LOCAL_RANK'])])
    # the old reducer's hooks leave the parameters before the new ones come
    # (its destructor would remove them too, once collected)
    if hasattr(old, '_remove_autograd_hooks'):
        old._remove_autograd_hooks()
    for handle in getattr(old, '_accum_grad_hooks', []):
        handle.remove()
    module = old.module
    runner.model = old = None
    gc.collect()
    runner.model = MODEL_WRAPPERS.build(cfg, default_args=dict(module=module))
    runner._maybe_compile('train_step')  # as Runner.train does
    params = list(module.parameters())
    print_log(
        f'rewrap_ddp: DDP rebuilt over the '
        f'{sum(p.requires_grad for p in params)} of {len(params)} '
        'parameter tensors that train now.',
        logger='current')
