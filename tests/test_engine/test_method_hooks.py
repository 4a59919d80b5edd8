import os.path as osp

import pytest
import torch
from conftest import REPO
from mmengine.hooks import Hook
from mmengine.runner import Runner
from mmpretrain.registry import HOOKS

from mmlt.datasets import ClassAwareSampler
from mmlt.engine.hooks import LWRScheduleHook
from mmlt.models.losses import LWRLoss


def _config(name):
    return osp.join(REPO, 'configs', name)


class _RecordHook(Hook):
    """Records ``expr(runner)`` at the first iteration of every epoch."""
    priority = 'LOWEST'

    def __init__(self, what):
        self.what = what
        self.records = []

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        if batch_idx == 0:
            model = runner.model
            value = {
                'reweight':
                lambda: model.head.loss_module.reweight,
                'lwr':
                lambda: model.head.weight_reg.schedule_factor,
                'sampler':
                lambda: type(runner.train_loop.dataloader.sampler).__name__,
            }[self.what]()
            self.records.append((runner.epoch, value))


def _run(cfg, what):
    """Train ``cfg`` with a :class:`_RecordHook` of ``what``, registered for
    this run only."""
    cfg.custom_hooks = list(cfg.get(
        'custom_hooks', [])) + [dict(type='_RecordHook', what=what)]
    HOOKS.register_module(module=_RecordHook)
    try:
        runner = Runner.from_cfg(cfg)
        runner.train()
    finally:
        HOOKS.module_dict.pop('_RecordHook')  # as RunnerTestCase does
    hook = next(h for h in runner.hooks if isinstance(h, _RecordHook))
    return runner, hook.records


def test_drw_switches_on_and_replays_after_resume(make_cfg):
    cfg = make_cfg(
        max_epochs=2,
        config=_config('ldam_drw/ldam-drw_r8_mnist5k-lt-if100.py'))
    cfg.train_cfg.stages.drw = 1
    _, records = _run(cfg, 'reweight')
    assert records == [(0, False), (1, True)]
    cfg = make_cfg(
        max_epochs=3,
        config=_config('ldam_drw/ldam-drw_r8_mnist5k-lt-if100.py'))
    cfg.train_cfg.stages.drw = 1
    cfg.resume = True  # resumes at epoch 2, after the switch
    _, records = _run(cfg, 'reweight')
    assert records == [(2, True)]


def test_lwr_schedule(make_cfg):
    assert LWRScheduleHook.factor(0, 10) == 1.0
    assert LWRScheduleHook.factor(5, 10) == 0.25
    cfg = make_cfg(
        max_epochs=2, config=_config('lwr/bs_lwr_r8_mnist5k-lt-if100.py'))
    runner, records = _run(cfg, 'lwr')
    assert records == [(0, 1.0), (1, 0.25)]
    assert isinstance(runner.model.head.weight_reg, LWRLoss)


def test_classifier_stage_freezes_reinits_and_resumes(make_cfg, tmp_path):
    cfg = make_cfg(
        max_epochs=2, config=_config('decoupling/crt_r8_mnist5k-lt-if100.py'))
    cfg.train_cfg.stages.classifier = 1
    runner, records = _run(cfg, 'sampler')
    assert records == [(0, 'UniformSampler'), (1, 'ClassAwareSampler')]
    stage1 = torch.load(tmp_path / 'work' / 'epoch_1.pth', weights_only=True)
    final = runner.model.state_dict()
    for key, value in stage1['state_dict'].items():
        if key.startswith('backbone'):  # weights and BN statistics
            assert torch.equal(value, final[key]), key
    assert not torch.equal(stage1['state_dict']['head.fc.weight'],
                           final['head.fc.weight'])
    # resume inside the stage: freezing and sampler are replayed
    cfg = make_cfg(
        max_epochs=3, config=_config('decoupling/crt_r8_mnist5k-lt-if100.py'))
    cfg.train_cfg.stages.classifier = 1
    cfg.resume = True
    runner, records = _run(cfg, 'sampler')
    assert records == [(2, 'ClassAwareSampler')]
    assert isinstance(runner.train_loop.dataloader.sampler, ClassAwareSampler)
    after = runner.model.state_dict()
    assert all(
        torch.equal(final[k], after[k]) for k in final
        if k.startswith('backbone'))
    assert not any(p.requires_grad for p in runner.model.backbone.parameters())


def test_lws_trains_only_scales(make_cfg):
    cfg = make_cfg(
        max_epochs=2, config=_config('decoupling/lws_r8_mnist5k-lt-if100.py'))
    cfg.train_cfg.stages.classifier = 1
    runner = Runner.from_cfg(cfg)
    runner.train()
    head = runner.model.head
    assert not torch.equal(head.scales.detach(), torch.ones(10))
    assert not head.fc.weight.requires_grad and head.scales.requires_grad


def test_posthoc_adjustment_on_a_saved_ce_checkpoint(make_cfg, tmp_path):
    Runner.from_cfg(make_cfg()).train()  # mmpretrain LinearClsHead, CE
    ckpt = str(tmp_path / 'work' / 'epoch_1.pth')
    plain = make_cfg()
    plain.load_from = ckpt
    plain.experiment_name += '_plain'
    base = Runner.from_cfg(plain).test()
    cfg = make_cfg(
        config=_config('logit_adjustment/la-posthoc_r8_mnist5k-lt-if100.py'))
    cfg.load_from = ckpt
    cfg.custom_hooks = []  # the config's tau = 1, not searched
    tester = Runner.from_cfg(cfg)
    adjusted = tester.test()
    head = tester.model.head
    assert head.class_counts.tolist()[0] == 380  # from the checkpoint meta
    assert adjusted['lt/balanced_acc'] != base['lt/balanced_acc']
    feats = torch.randn(4, 64)
    scores = torch.stack([s.pred_score for s in head.predict((feats, ))])
    expected = torch.softmax(head.fc(feats) - head.log_prior, 1)
    assert torch.allclose(scores, expected, atol=1e-6)


METHOD_CONFIGS = [
    'balanced_softmax/bs_r8_mnist5k-lt-if100.py',
    'logit_adjustment/la-loss_r8_mnist5k-lt-if100.py',
    'logit_adjustment/la-mult-posthoc_r8_mnist5k-lt-if100.py',
    'class_balanced/cb-focal_r8_mnist5k-lt-if100.py',
    'class_balanced/cb-softmax_r8_mnist5k-lt-if100.py',
    'class_balanced/cb-sigmoid_r8_mnist5k-lt-if100.py',
    'vs/vs_r8_mnist5k-lt-if100.py',
    'threshold_moving/tm_r8_mnist5k-lt-if100.py',
    'decoupling/tau-norm_r8_mnist5k-lt-if100.py',
    'decoupling/ncm_r8_mnist5k-lt-if100.py',
    'weight_balancing/wd-fr-etf-la_r8_mnist5k-lt-if100.py',
    'etf/etf-dr_r8_mnist5k-lt-if100.py',
    'etf/etf-ce_r8_mnist5k-lt-if100.py',
    'resampling/ros_r8_mnist5k-lt-if100.py',
    'resampling/smote-rus_r8_mnist5k-lt-if100.py',
    'resampling/cog-os_r8_mnist5k-lt-if100.py',
    'partial_label/proden-records_r8_mnist5k-lt-if100-q0.3.py',
    'noisy_label/ldam-drw_r8_mnist5k-lt-if100-sym0.4.py',
    'semi/fixmatch_r8_mnist5k-lt-if100-semi.py',
    'semi/abc-fixmatch_r8_mnist5k-lt-if100-semi.py',
]


@pytest.mark.parametrize('name', METHOD_CONFIGS)
def test_short_real_training_run(name, make_cfg):
    runner = Runner.from_cfg(make_cfg(config=_config(name)))
    runner.train()
    metrics = runner.val_loop.run()
    assert 0 <= metrics['lt/balanced_acc'] <= 100
    assert runner.iter == 15  # 938 images, batch 64, 1 epoch


@pytest.mark.parametrize('centred', [False, True])
def test_ncm_class_means_of_normalised_training_features(make_cfg, centred):
    from mmpretrain.registry import DATASETS
    cfg = make_cfg(config=_config('decoupling/ncm_r8_mnist5k-lt-if100.py'))
    if centred:  # classifier-balancing's default: centred, L2 distance
        cfg.model.head.update(centred=True, similarity='l2')
    runner = Runner.from_cfg(cfg)
    runner.train()  # the final validation fills the means
    model = runner.model.eval()
    dataset_cfg = dict(
        cfg.train_dataloader.dataset,
        pipeline=cfg.val_dataloader.dataset.pipeline)
    dataset = DATASETS.build(dataset_cfg)
    labels = torch.tensor(
        [dataset.get_data_info(i)['gt_label'] for i in range(len(dataset))])
    feats = []
    with torch.no_grad():
        for start in range(0, len(dataset), 256):
            items = [
                dataset[i]
                for i in range(start, min(start + 256, len(dataset)))
            ]
            data = model.data_preprocessor(
                dict(
                    inputs=[d['inputs'] for d in items],
                    data_samples=[d['data_samples'] for d in items]), False)
            feats.append(
                model.head.pre_logits(model.extract_feat(data['inputs'])))
    feats = torch.cat(feats)
    if centred:
        mean = feats.mean(0)
        assert torch.allclose(model.head.feat_mean, mean, atol=1e-5)
        feats = feats - mean
    # class 9: 3 images
    expected = torch.nn.functional.normalize(feats[labels == 9], dim=1)
    assert torch.allclose(
        model.head.class_means[9], expected.mean(0), atol=1e-5)


def test_crt_stage_alone_from_an_mmpretrain_checkpoint(make_cfg, tmp_path):
    Runner.from_cfg(make_cfg()).train()  # CE with mmpretrain LinearClsHead
    path = tmp_path / 'work' / 'epoch_1.pth'
    ckpt = torch.load(path, weights_only=True)
    state = {'state_dict': ckpt['state_dict']}  # weights only, no meta
    torch.save(state, tmp_path / 'mmpretrain_format.pth')
    cfg = make_cfg(config=_config('decoupling/crt_r8_mnist5k-lt-if100.py'))
    cfg.work_dir = str(tmp_path / 'crt')
    cfg.load_from = str(tmp_path / 'mmpretrain_format.pth')
    cfg.train_cfg.stages.classifier = 0  # the stage alone
    runner = Runner.from_cfg(cfg)
    runner.train()
    final = runner.model.state_dict()
    for key, value in state['state_dict'].items():
        if key.startswith('backbone'):
            assert torch.equal(value, final[key]), key
    assert not torch.equal(state['state_dict']['head.fc.weight'],
                           final['head.fc.weight'])
    assert isinstance(runner.train_loop.dataloader.sampler, ClassAwareSampler)


def _wb_cfg(make_cfg, max_epochs):
    cfg = make_cfg(
        max_epochs=max_epochs,
        config=_config('weight_balancing/wb_r8_mnist5k-lt-if100.py'))
    cfg.train_cfg.stages.classifier = 1
    return cfg


def test_weight_balancing_two_stages_and_resume(make_cfg, tmp_path):
    runner = Runner.from_cfg(_wb_cfg(make_cfg, 2))
    runner.train()
    stage1 = torch.load(tmp_path / 'work' / 'epoch_1.pth', weights_only=True)
    final = runner.model.state_dict()
    assert all(
        torch.equal(v, final[k]) for k, v in stage1['state_dict'].items()
        if k.startswith('backbone'))
    norms0 = stage1['state_dict']['head.fc.weight'].norm(dim=1)
    radius = float(norms0.min() + 0.1 * (norms0.max() - norms0.min()))
    hook = next(h for h in runner.hooks if type(h).__name__ == 'MaxNormHook')
    assert hook.radius == pytest.approx(radius, rel=1e-5)
    assert (final['head.fc.weight'].norm(dim=1) <= radius + 1e-5).all()
    assert runner.model.head.loss_module.reweight  # CB weights in stage 2
    group = runner.optim_wrapper.optimizer.param_groups[0]
    assert group['weight_decay'] == 0.1
    # resume inside stage 2: the cap comes from the checkpoint, not from
    # the (already projected) norms
    resumed = _wb_cfg(make_cfg, 3)
    resumed.resume = True
    runner = Runner.from_cfg(resumed)
    runner.train()
    hook = next(h for h in runner.hooks if type(h).__name__ == 'MaxNormHook')
    assert hook.radius == pytest.approx(radius, rel=1e-5)


class _MaxNormRunner:
    """Just what MaxNormHook reads of a runner: ``model.head.fc``."""

    def __init__(self, weight):
        self.model = torch.nn.Module()
        self.model.head = torch.nn.Module()
        self.model.head.fc = torch.nn.Linear(2, len(weight), bias=False)
        self.model.head.fc.weight.data = weight.clone()


def _max_norm_epoch(by_epoch, steps=2):
    """One epoch of ``steps`` iterations, each adding g = (0, 2) to the row
    (2, 0), under a MaxNormHook of radius 1; the row after every step and at
    the end."""
    runner = _MaxNormRunner(torch.tensor([[2.0, 0.0]], dtype=torch.float64))
    weight = runner.model.head.fc.weight
    hook = HOOKS.build(dict(type='MaxNormHook', radius=1.0, by_epoch=by_epoch))
    hook.before_train_epoch(runner)
    rows = []
    for i in range(steps):
        weight.data[0, 1] += 2.0  # the optimiser's step
        hook.after_train_iter(runner, i)
        rows.append(weight[0].tolist())
    hook.after_train_epoch(runner)
    return rows, weight[0].tolist()


def test_maxnorm_projects_once_per_epoch_by_default():
    """The weight-balancing code projects after each epoch's last step;
    by_epoch=False projects after every step."""
    assert HOOKS.build(dict(type='MaxNormHook')).by_epoch
    rows, final = _max_norm_epoch(by_epoch=True)
    assert rows == [[2.0, 2.0], [2.0, 4.0]]  # free within the epoch
    assert final == pytest.approx([2 / 20**0.5, 4 / 20**0.5])
    rows, final = _max_norm_epoch(by_epoch=False)
    first = [2 / 8**0.5, 2 / 8**0.5]
    second = [first[0], first[1] + 2]
    norm = (second[0]**2 + second[1]**2)**0.5
    assert rows[0] == pytest.approx(first)
    assert final == pytest.approx([second[0] / norm, second[1] / norm])


def test_maxnorm_radius_from_the_norms():
    """r = min + ratio (max - min) of the row norms when the hook starts;
    rows within the ball are left as they are."""
    runner = _MaxNormRunner(torch.tensor([[1.0, 0.0], [0.0, 2.0], [3.0, 0.0]]))
    hook = HOOKS.build(dict(type='MaxNormHook', ratio=0.1))
    hook.before_train_epoch(runner)
    assert hook.radius == pytest.approx(1.2)
    hook.after_train_epoch(runner)
    assert torch.allclose(runner.model.head.fc.weight,
                          torch.tensor([[1.0, 0.0], [0.0, 1.2], [1.2, 0.0]]))
