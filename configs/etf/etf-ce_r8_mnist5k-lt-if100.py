# Fixed ETF classifier with cross-entropy (the CE side of the seed paper's
# Appendix A.4.4 comparison). ResNet-8, MNIST5k-LT IF=100.
_base_ = ['../baseline/ce_r8_mnist5k-lt-if100.py']
model = dict(head=dict(type='ETFHead'))
