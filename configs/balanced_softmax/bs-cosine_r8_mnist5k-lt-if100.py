# Head ablation: balanced softmax (Ren et al. 2020) on LDAM-DRW's cosine
# head at its scale s = 30, so that the benchmark separates the loss from
# the head (BS ships on the linear head). ResNet-8, MNIST5k-LT IF=100.
_base_ = ['./bs_r8_mnist5k-lt-if100.py']
model = dict(head=dict(type='NormedLinearClsHead', scale=30.0))
