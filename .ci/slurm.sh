# Sourced by .ci/run: a one-node Slurm cluster (Debian's slurm-wlm and munge; this machine is controller and compute
# node, partition "debug") for the Slurm launcher's tests, after ../shared/notes/slurm.md. Exports MLOPS_TEST_SLURM
# for them and registers the daemons' stop in CI_CLEANUP. Slurm reads its config from /etc/slurm/slurm.conf only.
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
if [ -f /etc/slurm/slurm.conf ] && scontrol ping 2>/dev/null | grep -q UP; then
  # A cluster this script started earlier is still up (a run that was killed before its cleanup): use it as it is.
  echo "Slurm is already up; using it"
  export MLOPS_TEST_SLURM=debug
  return 0
fi
slurm_dir="$(mktemp -d /tmp/mlops-ci-slurm.XXXXXX)"
mkdir -p "$slurm_dir"/{state,spool,log}
if [ ! -f /etc/munge/munge.key ]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
fi
mkdir -p /run/munge && chown munge:munge /run/munge
# munged writes its own pid file; a munged left running (a previous run on this machine) is reused.
munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || runuser -u munge -- /usr/sbin/munged
slurm_host="$(hostname -s)"
slurm_mem="$(free -m | awk '/Mem:/{print int($2*0.8)}')"
# MinJobAge keeps ended jobs in scontrol's view for 5 minutes (sacct needs slurmdbd, which this cluster lacks).
cat >/etc/slurm/slurm.conf <<EOF
ClusterName=mlops-ci
SlurmctldHost=$slurm_host
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$slurm_dir/state
SlurmdSpoolDir=$slurm_dir/spool
SlurmctldPidFile=$slurm_dir/slurmctld.pid
SlurmdPidFile=$slurm_dir/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MinJobAge=300
SlurmctldLogFile=$slurm_dir/log/ctld.log
SlurmdLogFile=$slurm_dir/log/d.log
JobAcctGatherType=jobacct_gather/none
# A job that does not ask for memory gets its share per CPU, not the whole node (which would run one job at a time).
DefMemPerCPU=$((slurm_mem / $(nproc)))
NodeName=$slurm_host CPUs=$(nproc) RealMemory=$slurm_mem State=UNKNOWN
PartitionName=debug Nodes=$slurm_host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld && slurmd
for _ in $(seq 1 50); do
  sinfo -h -o %T 2>/dev/null | grep -q idle && break
  sleep 0.2
done
sinfo
export MLOPS_TEST_SLURM=debug
CI_CLEANUP+=("kill \$(cat '$slurm_dir/slurmd.pid' '$slurm_dir/slurmctld.pid' 2>/dev/null) 2>/dev/null; sleep 1; rm -rf '$slurm_dir'")
