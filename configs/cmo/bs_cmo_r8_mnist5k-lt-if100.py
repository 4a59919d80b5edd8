# Balanced softmax + CMO (Park et al., CVPR 2022), ResNet-8, MNIST5k-LT
# IF=100, CPU: the balanced-softmax run of the suite plus the minority stream
# (weights 1/n_c, with replacement) pasted by CutMix (p=0.5, Beta(1,1))
# from epoch 5 to epoch 97 of the benchmark's 100 (CMOHook: 3 < epoch <
# 97, 0-based, the CMO code's 3 first and 3 last epochs without mixing).
_base_ = ['../balanced_softmax/bs_r8_mnist5k-lt-if100.py']
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='CMODataset',
        dataset=dict(
            type='MNIST5kLT',
            split='train',
            imb_factor=100,
            pipeline=[
                dict(type='RandomCrop', crop_size=28, padding=2),
                dict(type='PackInputs'),
            ])),
    sampler=dict(_delete_=True, type='CMOSampler', alpha=1.0, num_samples=960))
# merged into the dataset base's preprocessor (num_classes, mean, std)
data_preprocessor = dict(type='CMODataPreprocessor', prob=0.5, beta=1.0)
custom_hooks = [dict(type='CMOHook', begin=3)]
