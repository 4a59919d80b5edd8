"""Run the CPU-runnable commands of README.md and configs/*/README.md as a
user pastes them after ``make demo``, shortened, and report each.

Commands are the lines of fenced shell blocks and the inline code spans
that start with ``python tools/`` or ``tools/``. A command runs when every
config it names exists and trains on the bundled MNIST data; the others
are listed with the reason they are skipped (user data such as CIFAR or
ImageNet-LT, a placeholder such as ``CONFIG``, a benchmark suite that
takes many minutes). Training commands get ``train_cfg.max_epochs=1``
appended, and a later command's ``epoch_N.pth`` of the same work dir reads
``epoch_1.pth``. Each runs in the repository root with ``.venv/bin`` first
on ``PATH`` (as after ``source .venv/bin/activate``), in that order;
outputs go where the README says (``work_dirs/``).

Example:
    python tools/misc/check_readme_commands.py
"""
import argparse
import glob
import os
import os.path as osp
import re
import subprocess
import sys
import time

REPO = osp.abspath(osp.join(osp.dirname(osp.abspath(__file__)), '..', '..'))
SHORT = '--cfg-options train_cfg.max_epochs=1 train_cfg.val_interval=1'
PLACEHOLDER = re.compile(r'(?<![\w./-])(CONFIG|CHECKPOINT|CKPT\w*|W|WORK_DIR|'
                         r'E\d|N|PATH|SRC|DST)(?![\w.-])')


def readme_commands():
    """(readme, command) in document order."""
    for readme in ['README.md'] + sorted(glob.glob('configs/*/README.md')):
        text = open(osp.join(REPO, readme)).read()
        for block in re.findall(r'```(?:bash|sh|shell)\n(.*?)```', text, re.S):
            for line in block.replace('\\\n', ' ').splitlines():
                line = re.sub(r'\s+#.*$', '', line).strip()
                if line and not line.startswith('#'):
                    yield readme, re.sub(r'\s+', ' ', line)
        fenced = re.sub(r'```.*?```', '', text, flags=re.S)
        for span in re.findall(r'`((?:python )?tools/[^`]+)`', fenced):
            if ' ' in span.strip():  # a command, not a file name
                yield readme, re.sub(r'\s+', ' ', span.strip())


def skip_reason(command: str):
    """Why ``command`` is not run here, or None."""
    if command.startswith(('make', 'pip', 'source', 'MMLT_SKIP')):
        return 'set-up command (README set-up, checked in a fresh clone)'
    if PLACEHOLDER.search(command) or '...' in command:
        return 'has a placeholder for the user to fill in'
    if not re.search(r'(^|\s)(python \S+\.py|tools/\S+\.sh)', command):
        return 'not a tool command'
    if 'tools/benchmark/' in command:
        return 'benchmark (minutes to hours, rewrites docs/; run by hand)'
    configs = re.findall(r'configs/\S+\.py', command)
    missing = [c for c in configs if not osp.isfile(osp.join(REPO, c))]
    if missing:
        return f'names a config that does not exist: {missing}'
    if any('mnist' not in c for c in configs):
        return 'needs user data (CIFAR / ImageNet-LT / iNaturalist ...)'
    return None


def shorten(command: str, trained: dict) -> str:
    """One epoch for training; checkpoints of shortened runs renamed."""
    for work_dir in trained:
        command = re.sub(rf'({re.escape(work_dir)}/)epoch_\d+\.pth',
                         r'\1epoch_1.pth', command)
    if re.search(r'tools/(train\.py|dist_train\.sh)', command):
        config = re.search(r'configs/\S+\.py', command).group(0)
        work = re.search(r'--work-dir (\S+)', command)
        trained[work.group(1) if work else 'work_dirs/' +
                osp.splitext(osp.basename(config))[0]] = True
        command += ' ' + SHORT
    return command


def main():
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    env = dict(os.environ)
    env['PATH'] = osp.join(REPO, '.venv', 'bin') + os.pathsep + env['PATH']
    env.pop('PYTHON', None)
    trained, failed, ran, seen = {}, 0, 0, set()
    for readme, command in readme_commands():
        if command in seen:
            continue
        seen.add(command)
        reason = skip_reason(command)
        if reason:
            print(f'SKIP {readme}: {command}\n     ({reason})')
            continue
        command = shorten(command, trained)
        start = time.perf_counter()
        proc = subprocess.run(['bash', '-c', command],
                              cwd=REPO,
                              env=env,
                              capture_output=True,
                              text=True)
        ran += 1
        status = 'OK  ' if proc.returncode == 0 else 'FAIL'
        print(
            f'{status} {readme}: {command} '
            f'({time.perf_counter() - start:.0f} s)',
            flush=True)
        if proc.returncode:
            failed += 1
            print((proc.stdout + proc.stderr)[-2000:])
    print(f'{ran - failed}/{ran} commands ran cleanly')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
