"""List-file long-tailed datasets: ImageNet-LT, iNaturalist 2018, Places-LT."""
import os.path as osp
from typing import Optional

from mmengine.fileio import get_file_backend, list_from_file
from mmengine.fileio.backends import LocalBackend
from mmengine.utils import track_iter_progress
from mmpretrain.datasets import CustomDataset
from mmpretrain.datasets.categories import IMAGENET_CATEGORIES
from mmpretrain.registry import DATASETS

from .utils import check_labels, log_class_counts

#: List files this long show a progress bar while their images are checked.
PROGRESS_MIN_LINES = 20000


@DATASETS.register_module()
class LTListDataset(CustomDataset):
    """A dataset read from a ``path label`` list file.

    This is the format of the standard long-tailed splits (Liu et al., OLTR,
    CVPR 2019): ``ImageNet_LT_{train,val,test}.txt``,
    ``iNaturalist18_{train,val}.txt``, ``Places_LT_{train,val,test}.txt``.
    Every line is checked: a malformed line, a label outside ``num_classes``
    or (on local storage, ``check_files=True``) a missing image raises an
    error naming the list file and line.

    Args:
        ann_file (str): The list file.
        data_root (str): Prefix joined to ``ann_file`` and ``data_prefix``.
        data_prefix (str): Folder the image paths are relative to.
        num_classes (int, optional): Class count when ``metainfo`` gives no
            class names (names become ``class_0`` ...).
        check_files (bool): Check that every image exists. Defaults to True.
    """

    def __init__(self,
                 ann_file: str,
                 data_root: str = '',
                 data_prefix: str = '',
                 num_classes: Optional[int] = None,
                 metainfo: Optional[dict] = None,
                 check_files: bool = True,
                 **kwargs):
        metainfo = dict(metainfo or {})
        if 'classes' not in metainfo and not self.METAINFO.get('classes'):
            if num_classes is None:
                raise ValueError(f'{type(self).__name__}: give `num_classes` '
                                 'or `metainfo.classes`.')
            metainfo['classes'] = [f'class_{i}' for i in range(num_classes)]
        self.check_files = check_files
        super().__init__(
            ann_file=ann_file,
            data_root=data_root,
            data_prefix=data_prefix,
            metainfo=metainfo,
            **kwargs)

    def load_data_list(self):
        if not osp.isfile(self.ann_file) and '://' not in self.ann_file:
            raise FileNotFoundError(f'Annotation file not found: '
                                    f'{self.ann_file} (key `ann_file`).')
        backend = get_file_backend(self.img_prefix, enable_singleton=True)
        check_files = self.check_files and isinstance(backend, LocalBackend)
        data_list, labels, lines = [], [], []
        rows = list(enumerate(list_from_file(self.ann_file), 1))
        if check_files and len(rows) >= PROGRESS_MIN_LINES:
            rows = track_iter_progress(rows)
        for lineno, line in rows:
            if not line.strip():
                continue
            parts = line.strip().rsplit(' ', 1)
            if len(parts) != 2 or not parts[1].isdigit():
                raise ValueError(f'{self.ann_file}, line {lineno}: expected '
                                 f'"<path> <label>", got {line!r}.')
            img_path = backend.join_path(self.img_prefix, parts[0])
            if check_files and not osp.isfile(img_path):
                raise FileNotFoundError(f'{self.ann_file}, line {lineno}: '
                                        f'image {img_path} does not exist.')
            data_list.append(dict(img_path=img_path, gt_label=int(parts[1])))
            labels.append(int(parts[1]))
            lines.append(lineno)
        check_labels(labels, len(self.metainfo['classes']), self.ann_file,
                     lines)
        return data_list

    def full_init(self):
        if self._fully_initialized:
            return
        super().full_init()
        log_class_counts(self, f'{type(self).__name__}[{self.ann_file}]')


@DATASETS.register_module()
class ImageNetLT(LTListDataset):
    """ImageNet-LT (1,000 classes, 115.8K training images, Liu et al. 2019)."""
    METAINFO = {'classes': IMAGENET_CATEGORIES}


@DATASETS.register_module()
class INat2018(LTListDataset):
    """iNaturalist 2018 (8,142 classes, 437.5K training images)."""

    def __init__(self, *args, num_classes: int = 8142, **kwargs):
        super().__init__(*args, num_classes=num_classes, **kwargs)


@DATASETS.register_module()
class PlacesLT(LTListDataset):
    """Places-LT (365 classes, 62.5K training images, Liu et al. 2019)."""

    def __init__(self, *args, num_classes: int = 365, **kwargs):
        super().__init__(*args, num_classes=num_classes, **kwargs)


__all__ = ['LTListDataset', 'ImageNetLT', 'INat2018', 'PlacesLT']
