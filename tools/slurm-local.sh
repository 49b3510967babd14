#!/usr/bin/env bash
# A one-node Slurm on this machine, for trying `fpconform plan` and for CI (docs/slurm.md):
#   tools/slurm-local.sh start   configure (state and logs under $FPCONFORM_SLURM_DIR, default
#                                /tmp/fpconform-slurm), start munged, slurmctld and slurmd, wait
#                                until the node is idle
#   tools/slurm-local.sh stop    stop what start started
# Needs Debian's slurm-wlm and munge (tools/install-deps.sh --slurm) and root (slurmd runs jobs
# as their user). It writes /etc/slurm/slurm.conf only if that file does not exist, and says so;
# an existing configuration is left alone and used.
set -euo pipefail
dir=${FPCONFORM_SLURM_DIR:-/tmp/fpconform-slurm}
conf=/etc/slurm/slurm.conf
node=$(hostname -s)

start() {
  [ "$(id -u)" -eq 0 ] || { echo "slurm-local: run as root (slurmd must start jobs)" >&2; exit 2; }
  command -v slurmctld > /dev/null || { echo "slurm-local: no slurmctld: tools/install-deps.sh --slurm" >&2; exit 2; }
  mkdir -p "$dir"/{state,spool,log} /run/munge
  if [ ! -f "$conf" ]; then
    local cpus mem
    cpus=$(nproc)
    mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
    cat > "$conf" <<CONF
# Written by fpconform's tools/slurm-local.sh: one node, this machine.
ClusterName=fpconform
SlurmctldHost=$node
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmUser=root
JobAcctGatherType=jobacct_gather/none
NodeName=$node CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
    echo "slurm-local: wrote $conf (node $node, $cpus CPUs)"
  else
    echo "slurm-local: using the existing $conf"
  fi
  pgrep -x munged > /dev/null || { chown -R munge:munge /run/munge 2>/dev/null || true; munged --force 2> /dev/null; }
  pgrep -x slurmctld > /dev/null || slurmctld
  pgrep -x slurmd > /dev/null || slurmd
  for _ in $(seq 60); do
    if sinfo -h -N -o "%T" 2>/dev/null | grep -qE "^idle"; then
      echo "slurm-local: node $node idle"
      sinfo
      return 0
    fi
    sleep 1
  done
  echo "slurm-local: the node did not come up; logs in $dir/log" >&2
  tail -n 20 "$dir"/log/*.log >&2 || true
  exit 1
}

running() {
  for d in slurmd slurmctld slurmstepd slurmscriptd munged; do pgrep -x "$d" > /dev/null && printf '%s ' "$d"; done
  return 0
}

stop() {
  for d in slurmd slurmctld munged; do pkill -x "$d" 2>/dev/null && echo "slurm-local: stopping $d" || true; done
  for _ in $(seq 20); do
    [ -z "$(running)" ] && { echo "slurm-local: stopped"; return 0; }
    sleep 0.5
  done
  echo "slurm-local: still running after 10 s: $(running)" >&2
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: tools/slurm-local.sh start|stop" >&2; exit 2 ;;
esac
