# Sourced by dist_train.sh / dist_test.sh: interpreter, PYTHONPATH and the
# torchrun rendezvous arguments (RDZV_ARGS).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${PYTHON:-}" ]; then
    if [ -x "$REPO_ROOT/.venv/bin/python" ]; then
        PYTHON="$REPO_ROOT/.venv/bin/python"
    else
        PYTHON=python
    fi
fi
NNODES=${NNODES:-1}
if [ "$NNODES" = 1 ] && [ -z "${PORT:-}" ]; then
    RDZV_ARGS=(--standalone)
else
    RDZV_ARGS=(--nnodes="$NNODES" --node_rank="${NODE_RANK:-0}"
               --master_addr="${MASTER_ADDR:-127.0.0.1}"
               --master_port="${PORT:-29500}")
fi
export PYTHONPATH="$REPO_ROOT${PYTHONPATH:+:$PYTHONPATH}"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
