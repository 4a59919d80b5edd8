"""Train a model with an mmlt (or any mmpretrain) config."""
import argparse

import torch

from mmlt.utils.checkpoint import checkpoint_to_resume
from mmlt.utils.cli import (add_common_args, build_runner, load_config,
                            parse_common, process_group_teardown,
                            report_errors_once)


def parse_args():
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from this checkpoint, or from the latest one in the '
        'work dir when no path is given')
    parser.add_argument(
        '--amp', action='store_true', help='automatic mixed precision')
    parser.add_argument(
        '--no-validate',
        action='store_true',
        help='do not evaluate checkpoints during training')
    parser.add_argument(
        '--auto-scale-lr',
        action='store_true',
        help='scale the learning rate by the actual total batch size')
    parser.add_argument(
        '--no-pin-memory', action='store_true', help='disable pin_memory')
    parser.add_argument(
        '--no-persistent-workers',
        action='store_true',
        help='disable persistent_workers')
    add_common_args(parser)
    return parse_common(parser)


def set_dataloader_defaults(cfg, args):
    """mmpretrain's defaults (pin memory, persistent workers) and switches;
    no pinned memory without an accelerator (torch warns every epoch)."""
    for field in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        loader = cfg.get(field)
        if loader is None:
            continue
        merged = dict(
            pin_memory=True,
            persistent_workers=True,
            collate_fn=dict(type='default_collate'))
        merged.update(loader)
        if args.no_pin_memory or not torch.cuda.is_available():
            merged['pin_memory'] = False
        if args.no_persistent_workers or not merged.get('num_workers'):
            merged['persistent_workers'] = False
        cfg[field] = merged


def merge_args(cfg, args):
    """train.py's own flags, merged before ``--cfg-options``."""
    if args.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if args.amp:
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
    if args.auto_scale_lr:
        cfg.auto_scale_lr.enable = True
    set_dataloader_defaults(cfg, args)


@report_errors_once
def main():
    args = parse_args()
    cfg = load_config(args, merge_args)
    if args.resume is not None:
        # in the final work dir: the newest intact checkpoint, past one a
        # kill left truncated
        cfg.resume, cfg.load_from = True, checkpoint_to_resume(
            cfg.work_dir, None if args.resume == 'auto' else args.resume)
    with process_group_teardown():
        build_runner(cfg).train()


if __name__ == '__main__':
    main()
