"""Evaluate a checkpoint with an mmlt (or any mmpretrain) config."""
import argparse

from mmlt.utils.cli import (add_common_args, build_runner, load_config,
                            parse_common, process_group_teardown,
                            report_errors_once)


def parse_args():
    parser = argparse.ArgumentParser(description='Test a checkpoint')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--out', help='dump the predictions to this pickle')
    parser.add_argument(
        '--per-class-json',
        help='write per-class accuracy and training counts to this JSON')
    add_common_args(parser)
    return parse_common(parser)


def merge_args(cfg, args):
    """test.py's own flags, merged before ``--cfg-options``."""
    cfg.load_from = args.checkpoint
    evaluators = cfg.test_evaluator
    if not isinstance(evaluators, (list, tuple)):
        evaluators = [evaluators]
    evaluators = list(evaluators)
    if args.per_class_json:
        for metric in evaluators:
            if metric.get('type') == 'LTAccuracy':
                metric['per_class_json'] = args.per_class_json
    if args.out:
        evaluators.append(dict(type='DumpResults', out_file_path=args.out))
    cfg.test_evaluator = evaluators


@report_errors_once
def main():
    args = parse_args()
    cfg = load_config(args, merge_args)
    with process_group_teardown():
        build_runner(cfg).test()


if __name__ == '__main__':
    main()
