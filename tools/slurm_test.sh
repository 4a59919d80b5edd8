#!/usr/bin/env bash
# Usage: tools/slurm_test.sh PARTITION JOB_NAME CONFIG CHECKPOINT [test.py args]
# Evaluates a checkpoint on a Slurm partition with srun, one task per GPU,
# as mmpretrain's script does. Environment (mmpretrain's names and
# defaults):
#   GPUS=8            tasks (processes) in all
#   GPUS_PER_NODE=8   tasks and GPUs per node; 0 = no --gres and no
#                     --ntasks-per-node (CPU partitions: gloo over CPUs)
#   CPUS_PER_TASK=5   CPUs per task (data loader workers)
#   SRUN_ARGS=        extra srun options
# Interpreter, PYTHONPATH and MASTER_PORT: see slurm_train.sh.
set -eo pipefail
if [ $# -lt 4 ]; then
    sed -n '2,12s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
PARTITION=$1
JOB_NAME=$2
CONFIG=$3
CHECKPOINT=$4
source "$(dirname "$0")/slurm_env.sh"
srun_tool "$PARTITION" "$JOB_NAME" test.py "$CONFIG" "$CHECKPOINT" \
    --launcher=slurm "${@:5}"
