#!/usr/bin/env bash
# A consistent copy of an AlignCV data folder, safe while the server runs (docs/operations.md).
#   scripts/backup-data-dir.sh DATA_DIR NEW_BACKUP_DIR
# Copies the database with SQLite's online backup (a snapshot, even while the server writes),
# then the uploaded originals and the generated JWT secret. Logs are not copied.
set -euo pipefail
if [ $# -ne 2 ]; then
  sed -n '3p' "$0" | sed 's/^# *//' >&2
  exit 2
fi
src=$1 dest=$2
[ -f "$src/aligncv.db" ] || { echo "backup: no aligncv.db in $src" >&2; exit 1; }
[ ! -e "$dest" ] || { echo "backup: $dest already exists; give a new folder" >&2; exit 1; }
mkdir -p "$dest"
chmod 700 "$dest"

python3 - "$src/aligncv.db" "$dest/aligncv.db" <<'PY'
import sqlite3
import sys

source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
target = sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
check = target.execute("PRAGMA integrity_check").fetchone()[0]
if check != "ok":
    sys.exit(f"backup: integrity check of the copy failed: {check}")
version = target.execute("SELECT version FROM schema_version").fetchone()[0]
print(f"database: schema version {version}")
PY

# After the database, so every original it names was already written (uploads are written before
# their row). A document deleted in between leaves a row without its original: its text and profile
# are in the database, only the download of the original file would answer 404.
if [ -d "$src/uploads" ]; then
  cp -a "$src/uploads" "$dest/uploads"
  echo "uploads: $(find "$dest/uploads" -type f | wc -l) files"
fi
if [ -f "$src/jwt-secret" ]; then
  cp -p "$src/jwt-secret" "$dest/jwt-secret"
  echo "jwt-secret: copied (sessions stay valid after a restore)"
fi
echo "backup written to $dest"
