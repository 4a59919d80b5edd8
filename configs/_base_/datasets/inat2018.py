# iNaturalist 2018: 8,142 classes, 437.5K training images.
# data/inat2018/ holds the iNaturalist 2018 images (train_val2018/) and
# the list files iNaturalist18_train.txt, iNaturalist18_val.txt.
_base_ = ['./imagenet_lt.py']

dataset_type = 'INat2018'
data_root = 'data/inat2018'
data_preprocessor = dict(num_classes=8142)

train_dataloader = dict(
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='iNaturalist18_train.txt'))
val_dataloader = dict(
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='iNaturalist18_val.txt'))
test_dataloader = val_dataloader
# iNaturalist 2018 has no separate validation split for tuning.
search_dataloader = None
