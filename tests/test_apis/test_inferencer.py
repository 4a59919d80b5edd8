"""mmpretrain's ImageClassificationInferencer on mmlt configs and
checkpoints, with image files."""
import os.path as osp

import cv2
import numpy as np
import pytest
import torch
from conftest import BASELINE, REPO, tiny_cfg
from mmengine.config import Config
from mmengine.runner import Runner
from mmpretrain import ImageClassificationInferencer, get_model

from mmlt.datasets import MNIST5k

LA_POSTHOC = osp.join(REPO, 'configs', 'logit_adjustment',
                      'la-posthoc_r8_mnist5k-lt-if100.py')
CIFAR = osp.join(REPO, 'configs', 'baseline', 'ce_r32_cifar10-lt-if100.py')
MNIST5K_IF100 = [380, 227, 136, 81, 49, 29, 17, 10, 6, 3]


@pytest.fixture(scope='module')
def ce_checkpoint(tmp_path_factory):
    """A 1-epoch CE ResNet-8 (mmpretrain LinearClsHead, so no
    ``class_counts`` buffer) on MNIST5k-LT."""
    work = tmp_path_factory.mktemp('ce')
    Runner.from_cfg(tiny_cfg(work)).train()
    return str(work / 'epoch_1.pth')


@pytest.fixture(scope='module')
def digits(tmp_path_factory):
    """Four test digits as 1-channel PNG files, and their arrays."""
    folder = tmp_path_factory.mktemp('png')
    dataset = MNIST5k(split='test')
    arrays = [dataset.get_data_info(i)['img'] for i in (0, 150, 420, 999)]
    paths = []
    for i, img in enumerate(arrays):
        paths.append(str(folder / f'digit_{i}.png'))
        assert cv2.imwrite(paths[-1], img)
    assert cv2.imread(paths[0], cv2.IMREAD_UNCHANGED).ndim == 2
    return paths, arrays


def _scores(results):
    return np.stack([r['pred_scores'] for r in results])


def test_mnist_config_on_grayscale_png_files(ce_checkpoint, digits):
    paths, arrays = digits
    inferencer = ImageClassificationInferencer(
        model=BASELINE, pretrained=ce_checkpoint, device='cpu')
    results = inferencer(paths, batch_size=2)
    assert len(results) == 4
    for result in results:
        assert result['pred_scores'].shape == (10, )
        assert 0 <= result['pred_label'] < 10
        assert result['pred_class'] == inferencer.classes[result['pred_label']]
        assert abs(result['pred_scores'].sum() - 1) < 1e-5
    # a file read in colour and the dataset's H x W array: same input
    assert np.allclose(
        _scores(results), _scores(inferencer(arrays)), atol=1e-6)


def test_posthoc_config_takes_counts_from_a_ce_checkpoint(
        ce_checkpoint, digits):
    paths, _ = digits
    plain = ImageClassificationInferencer(
        model=BASELINE, pretrained=ce_checkpoint, device='cpu')
    adjusted = ImageClassificationInferencer(
        model=LA_POSTHOC, pretrained=ce_checkpoint, device='cpu')
    assert adjusted.model.head.class_counts.tolist() == MNIST5K_IF100
    base, post = _scores(plain(paths)), _scores(adjusted(paths))
    # z - tau * log(pi), tau = 1: the softmax of log(p_CE) - log(pi)
    prior = np.log(np.array(MNIST5K_IF100) / sum(MNIST5K_IF100))
    expected = torch.softmax(torch.tensor(np.log(base) - prior), 1).numpy()
    assert np.allclose(post, expected, atol=1e-5)
    assert not np.allclose(post, base, atol=1e-3)


def test_counts_travel_in_the_state_dict(ce_checkpoint):
    ckpt = torch.load(ce_checkpoint, weights_only=True)
    assert ckpt['meta']['class_counts'] == MNIST5K_IF100
    assert 'head.class_counts' not in ckpt['state_dict']  # a CE head
    # plain torch loading of the state dict fills a post-hoc head's prior
    model = get_model(LA_POSTHOC)
    model.load_state_dict(ckpt['state_dict'], strict=False)
    assert model.head.class_counts.tolist() == MNIST5K_IF100
    # a state dict without them (another trainer's) leaves the clear error
    state = {k: v for k, v in ckpt['state_dict'].items()}
    model = get_model(LA_POSTHOC)
    model.load_state_dict(state, strict=False)
    with pytest.raises(RuntimeError, match='needs the training class counts'):
        model.head.log_prior


def test_three_channel_config_on_a_colour_png(tmp_path):
    cfg = Config.fromfile(CIFAR)
    torch.manual_seed(0)
    model = get_model(cfg)  # random weights, no CIFAR files needed
    checkpoint = str(tmp_path / 'random.pth')
    torch.save(dict(state_dict=model.state_dict(), meta=dict()), checkpoint)
    image = str(tmp_path / 'colour.png')
    rng = np.random.RandomState(0)
    assert cv2.imwrite(image, rng.randint(0, 256, (32, 32, 3), np.uint8))
    inferencer = ImageClassificationInferencer(
        model=CIFAR, pretrained=checkpoint, device='cpu')
    (result, ) = inferencer(image)
    assert result['pred_scores'].shape == (10, )
    assert result['pred_class'] in inferencer.classes
