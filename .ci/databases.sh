# shellcheck shell=bash
# Sourced by .ci/run: starts PostgreSQL 15 and MariaDB on loopback with their own data under /tmp, creates the
# test database and least-privilege roles, and exports the ONPREST_TEST_* variables (docs/testing.md).
# Idempotent: a second run reuses running servers, data and passwords. Quiet: details go to $ONPREST_CI_DB_DIR/setup.log.
# It must not change the caller's shell options, so all work happens in functions that never call `exit`.

ONPREST_CI_DB_DIR="${ONPREST_CI_DB_DIR:-/tmp/onprest-ci-db}"
ONPREST_CI_PG_PORT="${ONPREST_CI_PG_PORT:-55432}"
ONPREST_CI_MY_PORT="${ONPREST_CI_MY_PORT:-33306}"

_onprest_db_log() { printf '%s\n' "$*" >>"$ONPREST_CI_DB_DIR/setup.log"; }

_onprest_db_secret() {
  # One random password per role, kept in the state folder so reruns keep working against existing data.
  # The fixed tail holds characters that break hand-built connection strings (capability-yaml.md §6.3).
  local file="$ONPREST_CI_DB_DIR/secret.$1"
  if [ ! -s "$file" ]; then
    (umask 077 && printf '%s@:/?#%%;= x' "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" >"$file")
  fi
  cat "$file"
}

_onprest_db_install() {
  local missing=()
  [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
  command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  _onprest_db_log "installing: ${missing[*]}"
  apt-get update -qq >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1 || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1
}

# A private CA and a server certificate for localhost/127.0.0.1 (plus an unrelated CA) for the TLS tests.
_onprest_db_certs() {
  local tls="$ONPREST_CI_DB_DIR/tls"
  if [ ! -s "$tls/server.crt" ]; then
    mkdir -p "$tls" && chmod 755 "$tls"
    (
      cd "$tls" || exit 1
      openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=onprest-ci-ca" -keyout ca.key -out ca.crt
      openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=onprest-ci-other-ca" -keyout other-ca.key -out other-ca.crt
      openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr
      printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >server.ext
      openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile server.ext -out server.crt
    ) >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1 || return 1
    chmod 644 "$tls"/*.crt
  fi
  # Each server wants its own copy of the key, owned by its account and private.
  install -o postgres -g postgres -m 600 "$tls/server.key" "$tls/pg-server.key"
  install -o mysql -g mysql -m 600 "$tls/server.key" "$tls/my-server.key"
  export ONPREST_TEST_TLS_CA_FILE="$tls/ca.crt" ONPREST_TEST_TLS_OTHER_CA_FILE="$tls/other-ca.crt"
}

_onprest_db_postgres() {
  local bin=/usr/lib/postgresql/15/bin data="$ONPREST_CI_DB_DIR/pg" sock="$ONPREST_CI_DB_DIR/pgsock"
  local owner_pw reader_pw writer_pw
  owner_pw="$(_onprest_db_secret pg_owner)"; reader_pw="$(_onprest_db_secret pg_reader)"; writer_pw="$(_onprest_db_secret pg_writer)"
  mkdir -p "$sock" && chown postgres:postgres "$sock"
  if [ ! -s "$data/PG_VERSION" ]; then
    rm -rf "$data" && mkdir -p "$data" && chown postgres:postgres "$data" && chmod 700 "$data"
    su postgres -s /bin/bash -c "$bin/initdb -D '$data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1 || return 1
    # Loopback TCP needs a password (scram); only the local socket (used by this script) trusts the superuser.
    cat >"$data/pg_hba.conf" <<EOF
local all postgres trust
host all all 127.0.0.1/32 scram-sha-256
EOF
    chown postgres:postgres "$data/pg_hba.conf"
  fi
  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$ONPREST_CI_PG_PORT"; then
    _onprest_db_drop_stale_pid "$data/postmaster.pid" postgres
    su postgres -s /bin/bash -c "$bin/pg_ctl -D '$data' -l '$data/server.log' -w -t 60 -o \"-c listen_addresses=127.0.0.1 -p $ONPREST_CI_PG_PORT -k $sock -c fsync=off\" start" >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1 || return 1
  fi
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$ONPREST_CI_PG_PORT" -U postgres)
  # Passwords travel as psql variables (:'name' quotes them), never spliced into SQL by the shell.
  su postgres -s /bin/bash -c "$(printf '%q ' "${psql[@]}") -d postgres -v owner_pw=$(printf '%q' "$owner_pw") -v reader_pw=$(printf '%q' "$reader_pw") -v writer_pw=$(printf '%q' "$writer_pw") -v ssl_cert=$(printf '%q' "$ONPREST_CI_DB_DIR/tls/server.crt") -v ssl_key=$(printf '%q' "$ONPREST_CI_DB_DIR/tls/pg-server.key")" >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1 <<'SQL' || return 1
SELECT 'CREATE ROLE onprest_owner LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onprest_owner') \gexec
SELECT 'CREATE ROLE onprest_reader LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onprest_reader') \gexec
SELECT 'CREATE ROLE onprest_writer LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onprest_writer') \gexec
ALTER ROLE onprest_owner PASSWORD :'owner_pw';
ALTER ROLE onprest_reader PASSWORD :'reader_pw';
ALTER ROLE onprest_writer PASSWORD :'writer_pw';
ALTER SYSTEM SET ssl = on;
ALTER SYSTEM SET ssl_cert_file = :'ssl_cert';
ALTER SYSTEM SET ssl_key_file = :'ssl_key';
SELECT pg_reload_conf();
SELECT 'CREATE DATABASE onprest_test OWNER onprest_owner' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'onprest_test') \gexec
REVOKE ALL ON DATABASE onprest_test FROM PUBLIC;
GRANT CONNECT ON DATABASE onprest_test TO onprest_reader, onprest_writer;
SQL
  su postgres -s /bin/bash -c "$(printf '%q ' "${psql[@]}") -d onprest_test" >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1 <<'SQL' || return 1
ALTER SCHEMA public OWNER TO onprest_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO onprest_reader, onprest_writer;
SET ROLE onprest_owner;
CREATE TABLE IF NOT EXISTS ci_accounts (
  id integer PRIMARY KEY,
  email text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('active', 'closed')),
  balance numeric(12,2) NOT NULL DEFAULT 0
);
INSERT INTO ci_accounts (id, email, status, balance) VALUES
  (1, 'ada@example.com', 'active', 10.50), (2, 'grace@example.com', 'active', 0), (3, 'linus@example.com', 'closed', 7)
  ON CONFLICT (id) DO NOTHING;
-- The reader sees every table the owner creates, now and later, and nothing else.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO onprest_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE onprest_owner IN SCHEMA public GRANT SELECT ON TABLES TO onprest_reader;
-- The writer may read the accounts and change only their status.
GRANT SELECT (id, email, status, balance), UPDATE (status) ON ci_accounts TO onprest_writer;
RESET ROLE;
SQL
  export ONPREST_TEST_POSTGRES_HOST=127.0.0.1 ONPREST_TEST_POSTGRES_PORT="$ONPREST_CI_PG_PORT" ONPREST_TEST_POSTGRES_DB=onprest_test
  export ONPREST_TEST_POSTGRES_USER=onprest_owner ONPREST_TEST_POSTGRES_PASSWORD="$owner_pw"
  export ONPREST_TEST_POSTGRES_READER_USER=onprest_reader ONPREST_TEST_POSTGRES_READER_PASSWORD="$reader_pw"
  export ONPREST_TEST_POSTGRES_WRITER_USER=onprest_writer ONPREST_TEST_POSTGRES_WRITER_PASSWORD="$writer_pw"
}

_onprest_db_mariadb() {
  # The server runs as `mysql`, so its socket, pid and error log live in a folder that user owns.
  local data="$ONPREST_CI_DB_DIR/mysql" run="$ONPREST_CI_DB_DIR/myrun"
  local sock="$run/mysql.sock"
  mkdir -p "$run" && chown mysql:mysql "$run"
  local owner_pw reader_pw writer_pw
  owner_pw="$(_onprest_db_secret my_owner)"; reader_pw="$(_onprest_db_secret my_reader)"; writer_pw="$(_onprest_db_secret my_writer)"
  if [ ! -d "$data/mysql" ]; then
    rm -rf "$data" && mkdir -p "$data" && chown mysql:mysql "$data"
    mariadb-install-db --no-defaults --user=mysql --datadir="$data" --auth-root-authentication-method=socket \
      --skip-test-db >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1 || return 1
  fi
  if ! mariadb-admin --no-defaults --socket="$sock" -u root ping >/dev/null 2>&1; then
    _onprest_db_drop_stale_pid "$run/mysql.pid" mariadbd
    rm -f "$sock" "$sock.lock"
    setsid nohup mariadbd --no-defaults --user=mysql --datadir="$data" --socket="$sock" --port="$ONPREST_CI_MY_PORT" \
      --bind-address=127.0.0.1 --pid-file="$run/mysql.pid" --log-error="$run/mysql.err" \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --skip-name-resolve \
      --innodb-flush-log-at-trx-commit=2 --innodb-buffer-pool-size=64M \
      --ssl-cert="$ONPREST_CI_DB_DIR/tls/server.crt" --ssl-key="$ONPREST_CI_DB_DIR/tls/my-server.key" </dev/null >/dev/null 2>&1 &
    local i
    for i in $(seq 1 60); do
      mariadb-admin --no-defaults --socket="$sock" -u root ping >/dev/null 2>&1 && break
      sleep 0.5
    done
    mariadb-admin --no-defaults --socket="$sock" -u root ping >/dev/null 2>&1 || return 1
  fi
  # Passwords go in as quoted SQL literals built by the server's QUOTE(), read from user variables set from stdin.
  local q_owner q_reader q_writer
  q_owner="$(_onprest_db_sqlquote "$owner_pw")"; q_reader="$(_onprest_db_sqlquote "$reader_pw")"; q_writer="$(_onprest_db_sqlquote "$writer_pw")"
  mariadb --no-defaults --socket="$sock" -u root >>"$ONPREST_CI_DB_DIR/setup.log" 2>&1 <<SQL || return 1
CREATE DATABASE IF NOT EXISTS onprest_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'onprest_owner'@'127.0.0.1' IDENTIFIED BY $q_owner;
CREATE USER IF NOT EXISTS 'onprest_reader'@'127.0.0.1' IDENTIFIED BY $q_reader;
CREATE USER IF NOT EXISTS 'onprest_writer'@'127.0.0.1' IDENTIFIED BY $q_writer;
ALTER USER 'onprest_owner'@'127.0.0.1' IDENTIFIED BY $q_owner;
ALTER USER 'onprest_reader'@'127.0.0.1' IDENTIFIED BY $q_reader;
ALTER USER 'onprest_writer'@'127.0.0.1' IDENTIFIED BY $q_writer;
GRANT ALL PRIVILEGES ON onprest_test.* TO 'onprest_owner'@'127.0.0.1' WITH GRANT OPTION;
GRANT SELECT ON onprest_test.* TO 'onprest_reader'@'127.0.0.1';
CREATE TABLE IF NOT EXISTS onprest_test.ci_accounts (
  id INT PRIMARY KEY,
  email VARCHAR(190) NOT NULL UNIQUE,
  status VARCHAR(16) NOT NULL CHECK (status IN ('active', 'closed')),
  balance DECIMAL(12,2) NOT NULL DEFAULT 0
) ENGINE=InnoDB;
INSERT IGNORE INTO onprest_test.ci_accounts (id, email, status, balance) VALUES
  (1, 'ada@example.com', 'active', 10.50), (2, 'grace@example.com', 'active', 0), (3, 'linus@example.com', 'closed', 7);
GRANT SELECT (id, email, status, balance), UPDATE (status) ON onprest_test.ci_accounts TO 'onprest_writer'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
  export ONPREST_TEST_MYSQL_HOST=127.0.0.1 ONPREST_TEST_MYSQL_PORT="$ONPREST_CI_MY_PORT" ONPREST_TEST_MYSQL_DB=onprest_test
  export ONPREST_TEST_MYSQL_USER=onprest_owner ONPREST_TEST_MYSQL_PASSWORD="$owner_pw"
  export ONPREST_TEST_MYSQL_READER_USER=onprest_reader ONPREST_TEST_MYSQL_READER_PASSWORD="$reader_pw"
  export ONPREST_TEST_MYSQL_WRITER_USER=onprest_writer ONPREST_TEST_MYSQL_WRITER_PASSWORD="$writer_pw"
}

# A server killed without shutdown (e.g. the end of a session) leaves its pid file; a reused pid would block the start.
_onprest_db_drop_stale_pid() {
  local file="$1" name="$2" pid
  [ -f "$file" ] || return 0
  pid="$(head -n 1 "$file" 2>/dev/null)"
  if [ -z "$pid" ] || ! grep -qs "$name" "/proc/$pid/comm"; then
    rm -f "$file"
  fi
}

# A MariaDB string literal: backslashes and single quotes escaped (the server runs with default sql_mode).
_onprest_db_sqlquote() {
  local s="${1//\\/\\\\}"
  s="${s//\'/\\\'}"
  printf "'%s'" "$s"
}

_onprest_db_main() {
  mkdir -p "$ONPREST_CI_DB_DIR" && chmod 755 "$ONPREST_CI_DB_DIR" && : >"$ONPREST_CI_DB_DIR/setup.log"
  if ! _onprest_db_install; then
    echo "databases: install failed; see $ONPREST_CI_DB_DIR/setup.log" >&2
    return 0
  fi
  _onprest_db_certs || echo "databases: TLS certificates could not be made; see $ONPREST_CI_DB_DIR/setup.log" >&2
  local started=()
  if _onprest_db_postgres; then started+=("postgres:$ONPREST_CI_PG_PORT"); else
    echo "databases: PostgreSQL setup failed; see $ONPREST_CI_DB_DIR/setup.log" >&2
  fi
  if _onprest_db_mariadb; then started+=("mariadb:$ONPREST_CI_MY_PORT"); else
    echo "databases: MariaDB setup failed; see $ONPREST_CI_DB_DIR/setup.log" >&2
  fi
  echo "databases: ${started[*]:-none} ready"
}

_onprest_db_main
