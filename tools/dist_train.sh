#!/usr/bin/env bash
# Usage: tools/dist_train.sh CONFIG NPROC [train.py args]
# Multi-node: NNODES, NODE_RANK, MASTER_ADDR, PORT as in mmpretrain. On one
# node without PORT, torchrun picks a free port itself (--standalone), so
# several jobs on a machine never collide. Without CUDA it runs NPROC CPU
# processes over gloo. The interpreter is $PYTHON, else the repo's .venv
# (what `make demo` installs), else `python`.
CONFIG=$1
NPROC=$2
source "$(dirname "$0")/dist_env.sh"
"$PYTHON" -m torch.distributed.run "${RDZV_ARGS[@]}" \
    --nproc_per_node="$NPROC" \
    "$(dirname "$0")/train.py" \
    "$CONFIG" \
    --launcher pytorch "${@:3}"
