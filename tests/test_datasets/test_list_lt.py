import numpy as np
import pytest

from mmlt.datasets import ImageNetLT, LTListDataset, PlacesLT


@pytest.fixture
def image_dir(tmp_path):
    for name in ('a.jpg', 'b.jpg', 'c.jpg'):
        (tmp_path / name).write_bytes(b'')
    return tmp_path


def _ann(tmp_path, text):
    path = tmp_path / 'ImageNet_LT_train.txt'
    path.write_text(text)
    return str(path)


def test_list_file_reads_paths_and_labels(image_dir):
    ann = _ann(image_dir, 'a.jpg 0\nb.jpg 2\n\nc.jpg 2\n')
    ds = LTListDataset(ann_file=ann, data_prefix=str(image_dir), num_classes=3)
    assert ds.get_gt_labels().tolist() == [0, 2, 2]
    assert ds.metainfo['classes'][2] == 'class_2'
    assert ds.get_data_info(1)['img_path'].endswith('b.jpg')
    inet = ImageNetLT(ann_file=ann, data_prefix=str(image_dir))
    assert len(inet.metainfo['classes']) == 1000
    assert len(
        PlacesLT(ann_file=ann,
                 data_prefix=str(image_dir)).metainfo['classes']) == 365


def test_label_out_of_range_names_line(image_dir):
    ann = _ann(image_dir, 'a.jpg 0\nb.jpg 3\n')
    with pytest.raises(
            ValueError,
            match=r'ImageNet_LT_train.txt, line 2: '
            r'label 3 is outside \[0, 2\]'):
        LTListDataset(ann_file=ann, data_prefix=str(image_dir), num_classes=3)


def test_missing_image_names_line(image_dir):
    ann = _ann(image_dir, 'a.jpg 0\nmissing.jpg 1\n')
    with pytest.raises(FileNotFoundError, match='line 2: image .*missing.jpg'):
        LTListDataset(ann_file=ann, data_prefix=str(image_dir), num_classes=3)
    ds = LTListDataset(
        ann_file=ann,
        data_prefix=str(image_dir),
        num_classes=3,
        check_files=False)
    assert len(ds) == 2


def test_malformed_line_and_missing_ann(image_dir):
    with pytest.raises(ValueError, match='line 1: expected'):
        LTListDataset(
            ann_file=_ann(image_dir, 'a.jpg\n'),
            num_classes=3,
            data_prefix=str(image_dir))
    with pytest.raises(FileNotFoundError, match='ann_file'):
        LTListDataset(ann_file=str(image_dir / 'nope.txt'), num_classes=3)
    with pytest.raises(ValueError, match='num_classes'):
        LTListDataset(ann_file=_ann(image_dir, 'a.jpg 0\n'))
    assert np.array_equal(
        LTListDataset(
            ann_file=_ann(image_dir, 'a.jpg 1\n'),
            num_classes=2,
            data_prefix=str(image_dir)).get_gt_labels(), [1])
