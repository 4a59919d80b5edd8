#!/usr/bin/env bash
# Usage: tools/misc/slurm_localhost.sh start|stop|status
# A one-node Slurm cluster on this machine, to try tools/slurm_train.sh and
# tools/slurm_test.sh (GPUS_PER_NODE=0 on a CPU-only host). Needs root and
# Debian's packages: apt-get install slurm-wlm munge.
#
# start: writes $SLURM_CONF (a localhost slurm.conf: this host with its
#        CPUs and memory, one partition $PARTITION, proctrack/linuxproc,
#        task/none, no cgroups, select/cons_tres), starts munged, slurmctld
#        and slurmd, and waits until sinfo shows the node idle.
# stop:  stops the three daemons by the pids they wrote.
# Environment: SLURM_LOCAL_DIR (state, logs, pids; /tmp/mmlt-slurm),
# PARTITION (local), SLURM_CONF (/etc/slurm/slurm.conf; an existing file
# not written by this script is never overwritten), WAIT_S (60).
set -eo pipefail
DIR=${SLURM_LOCAL_DIR:-/tmp/mmlt-slurm}
PARTITION=${PARTITION:-local}
export SLURM_CONF=${SLURM_CONF:-/etc/slurm/slurm.conf}
WAIT_S=${WAIT_S:-60}
MARK='# written by mmlt tools/misc/slurm_localhost.sh'
MUNGE_PID=$DIR/munge/munged.pid

die() { echo "slurm_localhost: $*" >&2; exit 1; }

write_conf() {
    if [ -e "$SLURM_CONF" ] && ! grep -qxF "$MARK" "$SLURM_CONF"; then
        die "$SLURM_CONF exists and is not ours; set SLURM_CONF elsewhere"
    fi
    local host cpus mem
    host=$(hostname -s)
    cpus=$(nproc --all)
    # slurmd -C prints what slurmd detects; keep its memory (MB)
    mem=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -n1)
    mkdir -p "$DIR/ctld" "$DIR/spool" "$DIR/log" "$(dirname "$SLURM_CONF")"
    cat > "$SLURM_CONF" <<CONF
$MARK
ClusterName=mmlt-local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$DIR/ctld
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmdTimeout=60
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=${mem:-1024} State=UNKNOWN
PartitionName=$PARTITION Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
    [ "$(id -u)" = 0 ] || die 'needs root (the daemons run as root here)'
    command -v slurmctld >/dev/null && command -v munged >/dev/null ||
        die 'slurmctld / munged not found: apt-get install slurm-wlm munge'
    write_conf
    # munge: key from the package (or a new one), socket dir for its user
    [ -s /etc/munge/munge.key ] || mungekey --create --force
    mkdir -p /run/munge
    chown munge:munge /run/munge /etc/munge/munge.key 2>/dev/null || true
    chmod 0400 /etc/munge/munge.key
    if ! alive "$MUNGE_PID"; then
        mkdir -p "$DIR/munge"
        if id munge >/dev/null 2>&1; then  # as its own user, as Debian does
            chown munge:munge "$DIR/munge"
            runuser -u munge -- munged --pid-file="$MUNGE_PID"
        else
            munged --force --pid-file="$MUNGE_PID"
        fi
    fi
    munge -n | unmunge >/dev/null || die 'munge cannot decode its own credential'
    alive "$DIR/slurmctld.pid" || slurmctld
    alive "$DIR/slurmd.pid" || slurmd
    local host state t=0
    host=$(hostname -s)
    while [ "$t" -lt "$WAIT_S" ]; do
        state=$(sinfo -h -n "$host" -o '%t' 2>/dev/null | head -n1)
        if [ "$state" = idle ]; then
            echo "slurm_localhost: node $host idle, partition $PARTITION" \
                "(SLURM_CONF=$SLURM_CONF)"
            sinfo
            return 0
        fi
        sleep 1
        t=$((t + 1))
    done
    echo "slurm_localhost: node $host not idle after ${WAIT_S}s" \
        "(state '${state}'); logs:" >&2
    tail -n 20 "$DIR/log/slurmctld.log" "$DIR/log/slurmd.log" >&2 || true
    return 1
}

stop_pid() {  # stop_pid NAME PIDFILE
    if alive "$2"; then
        local pid
        pid=$(cat "$2")
        kill "$pid"
        for _ in $(seq 20); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$pid" 2>/dev/null && die "$1 (pid $pid) did not stop"
        echo "slurm_localhost: stopped $1 (pid $pid)"
    fi
    rm -f "$2"
}

stop() {
    stop_pid slurmd "$DIR/slurmd.pid"
    stop_pid slurmctld "$DIR/slurmctld.pid"
    stop_pid munged "$MUNGE_PID"
}

status() {
    for pidfile in "$DIR/slurmctld.pid" "$DIR/slurmd.pid" "$MUNGE_PID"; do
        name=$(basename "$pidfile" .pid)
        if alive "$pidfile"; then
            echo "$name: running (pid $(cat "$pidfile"))"
        else
            echo "$name: stopped"
        fi
    done
    sinfo 2>/dev/null || true
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) sed -n '2,15s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
