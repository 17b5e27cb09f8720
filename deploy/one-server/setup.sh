#!/usr/bin/env bash
# Set up the course hub on one Debian or Ubuntu server, as root, from a checkout of the course:
#
#   sudo deploy/one-server/setup.sh [instructor ...]
#
# Installs the course into $PREFIX (a venv every user can run, on the system's Python), the
# hub's proxy from npm, creates the graders' and students' Unix groups (the instructors named
# become graders), and a systemd service, dgt-hub, that runs
# deploy/one-server/jupyterhub_config.py. Add students with:  adduser NAME && adduser NAME dgt-students
set -euo pipefail

PREFIX=${PREFIX:-/opt/dgt-course}
PYTHON=${PYTHON:-/usr/bin/python3}  # the system's: every user must be able to run it
GRADERS=${DGT_GRADERS_GROUP:-dgt-graders}
STUDENTS=${DGT_STUDENTS_GROUP:-dgt-students}
SYSTEMD=${SYSTEMD:-yes}
COURSE=$(cd "$(dirname "$0")/../.." && pwd)

[ "$(id -u)" = 0 ] || { echo "Run as root: it creates groups, a service and $PREFIX." >&2; exit 1; }
command -v npm >/dev/null || { echo "First: apt-get install python3-venv npm" >&2; exit 1; }
# Graders autograde with each submission's code in a bubblewrap sandbox.
command -v bwrap >/dev/null || { echo "First: apt-get install bubblewrap" >&2; exit 1; }

"$PYTHON" -m venv "$PREFIX"
# The hub's part of the course's lock (deploy/requirements.lock: deploy/requirements.txt at the
# versions of requirements.lock, each file checked against its hash), then the course itself.
"$PREFIX/bin/python" -m pip install --quiet --require-hashes -r "$COURSE/deploy/requirements.lock"
"$PREFIX/bin/python" -m pip install --quiet --no-deps --no-build-isolation "$COURSE"
npm ci --prefix "$COURSE/deploy/proxy" --no-audit --no-fund --loglevel=error
chmod -R a+rX "$PREFIX" "$COURSE"

getent group "$GRADERS" >/dev/null || groupadd "$GRADERS"
getent group "$STUDENTS" >/dev/null || groupadd "$STUDENTS"
for instructor in "$@"; do
  id "$instructor" >/dev/null 2>&1 || adduser --disabled-password --gecos "" "$instructor"
  usermod -a -G "$GRADERS" "$instructor"
done

if [ "$SYSTEMD" = yes ]; then
  cat > /etc/systemd/system/dgt-hub.service <<UNIT
[Unit]
Description=JupyterHub of the course Capacities for Digital Government Transformation
After=network.target

[Service]
Environment=DGT_USER_PYTHON=$PREFIX/bin/python
Environment=PATH=$PREFIX/bin:/usr/local/bin:/usr/bin:/bin
WorkingDirectory=$COURSE
ExecStart=$PREFIX/bin/jupyterhub -f $COURSE/deploy/one-server/jupyterhub_config.py
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable --now dgt-hub
  echo "The hub runs: http://$(hostname -f):8800/ (systemctl status dgt-hub)"
fi
