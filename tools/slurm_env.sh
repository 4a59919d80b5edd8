# Sourced by slurm_train.sh / slurm_test.sh: the interpreter and PYTHONPATH
# of dist_env.sh, mmpretrain's Slurm variables, and srun_tool.
source "$(dirname "${BASH_SOURCE[0]}")/dist_env.sh"
GPUS=${GPUS:-8}
GPUS_PER_NODE=${GPUS_PER_NODE:-8}
CPUS_PER_TASK=${CPUS_PER_TASK:-5}

# srun_tool PARTITION JOB_NAME TOOL [TOOL ARGS]: TOOL (tools/TOOL) in
# $GPUS tasks, $GPUS_PER_NODE per node (0: no --gres, CPU partitions).
srun_tool() {
    local partition=$1 job_name=$2 tool=$3
    shift 3
    local placement=()
    if [ "$GPUS_PER_NODE" -gt 0 ]; then
        placement=(--gres=gpu:"$GPUS_PER_NODE"
                   --ntasks-per-node="$GPUS_PER_NODE")
    fi
    # SRUN_ARGS is split into words on purpose: it holds several options.
    # shellcheck disable=SC2086
    srun -p "$partition" \
        --job-name="$job_name" \
        "${placement[@]}" \
        --ntasks="$GPUS" \
        --cpus-per-task="$CPUS_PER_TASK" \
        --kill-on-bad-exit=1 \
        ${SRUN_ARGS:-} \
        "$PYTHON" -u "$REPO_ROOT/tools/$tool" "$@"
}
