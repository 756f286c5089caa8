# shellcheck shell=bash
# CI step (sourced by .ci/run): a real PostgreSQL for the gateway's tests.
# Installs Debian's postgresql when missing, starts a cluster (as the postgres user, works when run as
# root), creates a test role and database, and exports what the tests read:
#   ZKGW_TEST_PG_URL, ZKGW_TEST_PG_USER, ZKGW_TEST_PG_PASSWORD
# Idempotent: an installed package, a running cluster and an existing role are reused. The role's
# password is generated once and kept (owner-only) in ~/.cache/zkgw/pg-test-password; it is a local
# test credential for a loopback-only server, never committed.

zkgw_postgres_step() {
  local ver cluster port pwfile pw
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    echo "20-postgres: installing postgresql (Debian package)"
    if [ "$(id -u)" -eq 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    else
      sudo DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    fi
  fi
  ver="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
  cluster="${ZKGW_PG_CLUSTER:-main}"
  if ! pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {found=1} END {exit !found}'; then
    echo "20-postgres: creating cluster $ver/$cluster"
    pg_createcluster "$ver" "$cluster" >/dev/null
  fi
  port="$(pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $3}')"
  if ! pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c && $4=="online" {found=1} END {exit !found}'; then
    echo "20-postgres: starting cluster $ver/$cluster on port $port"
    # pg_ctlcluster switches to the cluster owner (postgres) when run as root
    pg_ctlcluster "$ver" "$cluster" start
  else
    echo "20-postgres: cluster $ver/$cluster already running on port $port"
  fi
  local i
  for i in $(seq 1 30); do
    if su postgres -c "psql -p $port -Atqc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
  done
  pwfile="${XDG_CACHE_HOME:-$HOME/.cache}/zkgw/pg-test-password"
  if [ ! -s "$pwfile" ]; then
    mkdir -p "$(dirname "$pwfile")"
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pwfile")
  fi
  pw="$(cat "$pwfile")"
  # role and database; the password is (re)set every time so the file and the role always agree
  su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -Atq" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zkgw_test') THEN
    CREATE ROLE zkgw_test LOGIN;
  END IF;
END \$\$;
ALTER ROLE zkgw_test WITH LOGIN PASSWORD '$pw';
SQL
  if ! su postgres -c "psql -p $port -Atqc \"select 1 from pg_database where datname='zkgw_test'\"" | grep -q 1; then
    su postgres -c "createdb -p $port -O zkgw_test zkgw_test"
  fi
  export ZKGW_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/zkgw_test"
  export ZKGW_TEST_PG_USER="zkgw_test"
  export ZKGW_TEST_PG_PASSWORD="$pw"
  echo "20-postgres: PostgreSQL $ver ready at $ZKGW_TEST_PG_URL (role zkgw_test)"
}

zkgw_postgres_step
