# NCM (Kang et al. 2020) on a CE model: predictions by cosine to the class
# means of L2-normalised training features. ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(head=dict(type='NCMHead'))
# ClassMeanHook computes the class means before every evaluation: a CE
# checkpoint has none.
default_hooks = dict(strict_load=dict(allow_missing=('head.class_means', )))
custom_hooks = [dict(type='ClassMeanHook')]
