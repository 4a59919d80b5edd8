import json
import math
import subprocess
import sys

from conftest import REPO

from mmlt.utils import pseudo_label_curves

NAN = float('nan')
RECORDS = [
    dict(epoch=1, iter=10, kept=0.5, precision=[1.0, NAN], recall=[0.5, 0.0]),
    dict(epoch=2, iter=20, kept=0.7, precision=[0.9, 0.5], recall=[0.8, 0.2]),
    # resumed before epoch 2's checkpoint: epoch 2 evaluated again
    dict(epoch=2, iter=20, kept=0.8, precision=[0.8, 0.6], recall=[0.9, 0.3]),
]


def test_curves_by_iteration_the_later_line_wins():
    iters, precision, recall = pseudo_label_curves(RECORDS)
    assert iters.tolist() == [10, 20]
    assert precision[0, 0] == 1.0 and math.isnan(precision[0, 1])
    assert precision[1].tolist() == [0.8, 0.6]
    assert recall.tolist() == [[0.5, 0.0], [0.9, 0.3]]


def test_plot_tool_writes_a_png(tmp_path):
    path = tmp_path / 'pseudo_labels.json'
    path.write_text(''.join(json.dumps(r) + '\n' for r in RECORDS))
    out = tmp_path / 'curves.png'
    proc = subprocess.run([
        sys.executable, 'tools/analysis_tools/plot_pseudo_labels.py',
        str(path), '--out',
        str(out)
    ],
                          cwd=REPO,
                          capture_output=True,
                          text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'
    empty = tmp_path / 'empty.json'
    empty.write_text('')
    proc = subprocess.run([
        sys.executable, 'tools/analysis_tools/plot_pseudo_labels.py',
        str(empty)
    ],
                          cwd=REPO,
                          capture_output=True,
                          text=True,
                          timeout=300)
    assert proc.returncode == 1 and 'empty.json: no evaluation' in proc.stderr
