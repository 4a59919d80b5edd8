# Head ablation: CE-DRW on LDAM-DRW's cosine head at its scale s = 30.
# ResNet-8, MNIST5k-LT IF=100.
_base_ = ['./ce-drw_r8_mnist5k-lt-if100.py']
model = dict(head=dict(type='NormedLinearClsHead', scale=30.0))
