# Sourced by .ci/run: starts a private PostgreSQL (Debian's postgresql) on 127.0.0.1:15432 for the tracking store
# tests, exports MLOPS_TEST_POSTGRES for them, and registers its stop and removal in CI_CLEANUP (run when .ci/run exits).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pg_dir="$(mktemp -d /tmp/mlops-ci-pg.XXXXXX)"
chown postgres "$pg_dir"
# initdb refuses to run as root; the package created the postgres user. Trust on loopback only: a throwaway server.
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p 15432 -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
export MLOPS_TEST_POSTGRES="postgresql://postgres@127.0.0.1:15432/postgres"
CI_CLEANUP+=("runuser -u postgres -- '$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast stop >/dev/null 2>&1; rm -rf '$pg_dir'")
