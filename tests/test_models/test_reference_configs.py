"""Shipped configs carry the reference codes' settings (issue #17): Cui et
al.'s sigmoid-head bias and decay, VS's gamma, WB's MaxNorm timing."""
import math
import os.path as osp

import pytest
import torch
from conftest import REPO
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmpretrain.registry import MODELS


def _cfg(name):
    return Config.fromfile(osp.join(REPO, 'configs', name))


@pytest.mark.parametrize('name, loss', [
    ('class_balanced/cb-sigmoid_r8_mnist5k-lt-if100.py', 'SigmoidCELoss'),
    ('class_balanced/cb-focal_r8_mnist5k-lt-if100.py', 'SigmoidFocalLoss'),
])
def test_cb_sigmoid_head_bias_and_decay(name, loss):
    """Cui et al.'s code: bias -log(C - 1), no weight decay on it."""
    cfg = _cfg(name)
    model = MODELS.build(cfg.model)
    model.init_weights()
    head = model.head
    assert type(head.loss_module).__name__ == loss
    assert torch.allclose(head.fc.bias, torch.full((10, ), -math.log(10 - 1)))
    optim = build_optim_wrapper(model, cfg.optim_wrapper)
    decay = {
        id(p): group['weight_decay']
        for group in optim.optimizer.param_groups
        for p in group['params']
    }
    assert decay[id(head.fc.bias)] == 0.0
    assert decay[id(
        head.fc.weight)] == cfg.optim_wrapper.optimizer['weight_decay'] > 0


def test_cb_focal_cifar_config_is_cui_sigmoid_focal():
    head = _cfg('class_balanced/cb-focal_r32_cifar100-lt-if100.py').model.head
    assert head.loss.type == 'SigmoidFocalLoss'
    assert head.init_cfg.bias_prob == pytest.approx(1 / 100)


@pytest.mark.parametrize(
    'name', ['vs/vs_r8_mnist5k-lt-if100.py', 'vs/vs_r32_cifar100-lt-if100.py'])
def test_vs_configs_use_the_authors_gamma(name):
    loss = _cfg(name).model.head.loss
    assert (loss.gamma, loss.tau) == (0.3, 1.0)


@pytest.mark.parametrize('name', [
    'weight_balancing/wb_r8_mnist5k-lt-if100.py',
    'weight_balancing/wb_r34_cifar100-lt-if100.py',
    'weight_balancing/wb_r32_cifar100-lt-if100.py',
    'weight_balancing/wb_rx50_imagenet-lt.py',
])
def test_wb_configs_project_once_per_epoch(name):
    hook = next(h for h in _cfg(name).custom_hooks if h.type == 'MaxNormHook')
    assert hook.by_epoch
