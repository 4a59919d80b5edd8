# Places-LT (Liu et al., CVPR 2019): 365 classes, 62.5K training images.
# data/places365/ holds the Places-365 images and the split files
# Places_LT_train.txt, Places_LT_val.txt, Places_LT_test.txt.
_base_ = ['./imagenet_lt.py']

dataset_type = 'PlacesLT'
data_root = 'data/places365'
data_preprocessor = dict(num_classes=365)

train_dataloader = dict(
    dataset=dict(
        type=dataset_type, data_root=data_root,
        ann_file='Places_LT_train.txt'))
val_dataloader = dict(
    dataset=dict(
        type=dataset_type, data_root=data_root, ann_file='Places_LT_test.txt'))
test_dataloader = val_dataloader
search_dataloader = dict(
    dataset=dict(
        type=dataset_type, data_root=data_root, ann_file='Places_LT_val.txt'))
