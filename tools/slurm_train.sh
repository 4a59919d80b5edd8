#!/usr/bin/env bash
# Usage: tools/slurm_train.sh PARTITION JOB_NAME CONFIG WORK_DIR [train.py args]
# Trains on a Slurm partition with srun, one task per GPU, as mmpretrain's
# script does. Environment (mmpretrain's names and defaults):
#   GPUS=8            tasks (processes) in all
#   GPUS_PER_NODE=8   tasks and GPUs per node; 0 = no --gres and no
#                     --ntasks-per-node (CPU partitions: gloo over CPUs)
#   CPUS_PER_TASK=5   CPUs per task (data loader workers)
#   SRUN_ARGS=        extra srun options, e.g. "--quotatype=auto"
# The interpreter is $PYTHON, else the repo's .venv, else `python` (as in
# dist_train.sh); PYTHONPATH starts with the repo. MASTER_PORT picks the
# rendezvous port (default 29500; give each job on a node its own).
set -eo pipefail
if [ $# -lt 4 ]; then
    sed -n '2,13s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
PARTITION=$1
JOB_NAME=$2
CONFIG=$3
WORK_DIR=$4
source "$(dirname "$0")/slurm_env.sh"
srun_tool "$PARTITION" "$JOB_NAME" train.py "$CONFIG" \
    --work-dir="$WORK_DIR" --launcher=slurm "${@:5}"
