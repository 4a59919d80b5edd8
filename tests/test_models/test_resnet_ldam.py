import pytest
import torch

from mmlt.models import ResNetLDAM


def _params(module):
    return sum(p.numel() for p in module.parameters())


def test_resnet32_matches_ldam_definition():
    net = ResNetLDAM(depth=32)
    # 3 stages of 5 basic blocks, 16/32/64 channels, option-A shortcuts:
    # 463,504 parameters; with a 10-class linear layer (650) the 464,154
    # (0.46M) of He et al.'s Table 6 ResNet-32.
    assert _params(net) == 463504
    assert _params(net) + 64 * 10 + 10 == 464154
    assert [len(layer) for layer in net.layers] == [5, 5, 5]
    assert not any(
        isinstance(m, torch.nn.Conv2d) and m.kernel_size == (1, 1)
        for m in net.modules())  # no projection shortcut
    out, = net(torch.randn(2, 3, 32, 32))
    assert out.shape == (2, 64, 8, 8)


def test_width_depth_and_channels_options():
    wide = ResNetLDAM(depth=32, base_channels=32)
    assert wide.out_channels == 128
    assert wide(torch.randn(1, 3, 32, 32))[0].shape == (1, 128, 8, 8)
    small = ResNetLDAM(depth=8, in_channels=1)
    assert [len(layer) for layer in small.layers] == [1, 1, 1]
    assert small(torch.randn(2, 1, 28, 28))[0].shape == (2, 64, 7, 7)
    with pytest.raises(ValueError, match='6n \\+ 2'):
        ResNetLDAM(depth=18)


def test_kaiming_init_and_shortcut_padding():
    net = ResNetLDAM(depth=8)
    net.init_weights()
    std = net.conv1.weight.std().item()
    fan_in = 3 * 3 * 3
    assert abs(std - (2 / fan_in)**0.5) < 0.15
    x = torch.randn(1, 16, 8, 8)
    pad = net.layers[1][0].shortcut(x)
    assert pad.shape == (1, 32, 4, 4)
    assert torch.equal(pad[:, 8:24], x[:, :, ::2, ::2])
    assert pad[:, :8].abs().sum() == 0 and pad[:, 24:].abs().sum() == 0
