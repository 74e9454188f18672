#!/usr/bin/env bash
# Rebuilds the rpm fixtures from scratch with Debian's rpm tools (rpm/rpmbuild 4.18, db5.3-util,
# sqlite3, gnupg, xxd, python3-bsddb3). Run from this directory: ./build-fixtures.sh
# Writes:
#   sqlite/var/lib/rpm/rpmdb.sqlite         rpm --justdb install of the packages below (rpm 4.18 writes sqlite)
#   sqlite/oracle.tsv                       rpm -qa --qf of that database (the test oracle)
#   sqlite-empty/var/lib/rpm/rpmdb.sqlite   rpm --initdb: tables, no package
#   sqlite-badheader/var/lib/rpm/rpmdb.sqlite  the sqlite database with two damaged blobs: hnum 3 has
#                                           its NAME data offset set to 0x7fffffff, hnum 6 lost its last 10 bytes
#   bdb/var/lib/rpm/Packages                the same header blobs loaded with db5.3_load -t hash
#   bdb/oracle.tsv                          rpm -qa --qf of that file through rpm's own bdb_ro backend
#   bdb-bigendian/var/lib/rpm/Packages      the same, written big-endian (-c db_lorder=4321), 512-byte pages
#   bdb-checksum/var/lib/rpm/Packages       the same, with page checksums (-c chksum=1), 8192-byte pages
#   bdb-truncated/var/lib/rpm/Packages      the bdb file cut after 6 of its 10 pages
#   bdb-erased/var/lib/rpm/Packages         the same blobs written twice through Berkeley DB's own library
#                                           (python3-bsddb3), the first copies then erased, as rpm -U leaves it
# The NDB (Packages.db) cases are written by our own test-scope generator (RpmNdbWriter), not rpm:
#   see README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 1. tiny real rpms -------------------------------------------------------------------------
mkdir -p "$work/SPECS"
spec() { cat > "$work/SPECS/$1.spec"; }
spec hello-tool <<'S'
Name: hello-tool
Version: 1.2.3
Release: 4.dd1
Summary: arch-specific package
License: MIT
Vendor: Drydock Fixtures
%description
Fixture.
%install
mkdir -p %{buildroot}/usr/share/hello-tool
echo hello > %{buildroot}/usr/share/hello-tool/hello.txt
%files
/usr/share/hello-tool/hello.txt
S
spec epochpkg <<'S'
Name: epochpkg
Epoch: 2
Version: 0.9
Release: 1
Summary: package with an epoch
License: GPL-2.0-or-later
%description
Fixture.
%files
S
spec zeroepoch <<'S'
Name: zeroepoch
Epoch: 0
Version: 3.1
Release: 7
Summary: package with epoch 0
License: BSD-3-Clause
%description
Fixture.
%files
S
spec data-files <<'S'
Name: data-files
Version: 2024.1
Release: 3
Summary: noarch package
License: CC0-1.0
BuildArch: noarch
%description
Fixture.
%files
S
spec multi <<'S'
Name: multi
Version: 5.0
Release: 2.fc40
Summary: source of subpackages
License: Apache-2.0 AND MIT
Vendor: Drydock Fixtures
%description
Fixture.
%package libs
Summary: library subpackage
%description libs
Fixture.
%package devel
Summary: devel subpackage
Requires: multi-libs = %{version}-%{release}
%description devel
Fixture.
%files libs
%files devel
S
for s in "$work"/SPECS/*.spec; do
  rpmbuild --quiet --define "_topdir $work" -bb "$s" >/dev/null
done

# --- 2. sqlite: rpm itself installs them into a fresh root -------------------------------------
root="$work/root"
mkdir -p "$root"
rpm --root "$root" --dbpath /var/lib/rpm --initdb
# A gpg-pubkey pseudo-package, as every signed distribution has one.
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Drydock Fixture <fixture@drydock.invalid>' rsa2048 sign never
gpg --batch --quiet --armor --export fixture@drydock.invalid > "$work/key.asc"
rpm --root "$root" --dbpath /var/lib/rpm --import "$work/key.asc"
rpm --root "$root" --dbpath /var/lib/rpm -i --nodeps --justdb "$work"/RPMS/*/*.rpm 2>/dev/null
# rpm leaves the database in WAL mode, checkpointed on close: the -wal file must be empty, so the
# main file alone holds everything (as in real images).
[ ! -s "$root/var/lib/rpm/rpmdb.sqlite-wal" ]
mkdir -p "$here/sqlite/var/lib/rpm"
cp "$root/var/lib/rpm/rpmdb.sqlite" "$here/sqlite/var/lib/rpm/rpmdb.sqlite"
rpm --root "$root" --dbpath /var/lib/rpm -qa \
  --qf '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\n' | LC_ALL=C sort > "$here/sqlite/oracle.tsv"

empty="$work/empty"
mkdir -p "$empty"
rpm --root "$empty" --dbpath /var/lib/rpm --initdb
[ ! -s "$empty/var/lib/rpm/rpmdb.sqlite-wal" ]
mkdir -p "$here/sqlite-empty/var/lib/rpm"
cp "$empty/var/lib/rpm/rpmdb.sqlite" "$here/sqlite-empty/var/lib/rpm/rpmdb.sqlite"

bad="$work/bad"
mkdir -p "$bad"
cp "$root/var/lib/rpm/rpmdb.sqlite" "$bad/rpmdb.sqlite"
badsql() { sqlite3 "$bad/rpmdb.sqlite" "$1"; }
# Patch the blob of hnum 3 as a file (writefile/readfile keep it a BLOB; || would make it TEXT).
badsql "SELECT writefile('$bad/3.hdr', blob) FROM Packages WHERE hnum = 3" >/dev/null
il=$((0x$(xxd -p -l 4 "$bad/3.hdr")))
pos=
for i in $(seq 0 $((il - 1))); do
  if [ "$(xxd -p -s $((8 + 16 * i)) -l 4 "$bad/3.hdr")" = 000003e8 ]; then
    pos=$((8 + 16 * i + 8)) # the NAME entry's offset field
    break
  fi
done
[ -n "$pos" ]
printf '\x7f\xff\xff\xff' | dd of="$bad/3.hdr" bs=1 seek="$pos" conv=notrunc status=none
badsql "UPDATE Packages SET blob = readfile('$bad/3.hdr') WHERE hnum = 3"
badsql 'UPDATE Packages SET blob = substr(blob, 1, length(blob) - 10) WHERE hnum = 6'
[ ! -s "$bad/rpmdb.sqlite-wal" ]
mkdir -p "$here/sqlite-badheader/var/lib/rpm"
cp "$bad/rpmdb.sqlite" "$here/sqlite-badheader/var/lib/rpm/rpmdb.sqlite"

# --- 3. the header blobs ------------------------------------------------------------------------
mkdir -p "$work/blobs"
for h in $(sqlite3 "$root/var/lib/rpm/rpmdb.sqlite" 'SELECT hnum FROM Packages ORDER BY hnum'); do
  sqlite3 "$root/var/lib/rpm/rpmdb.sqlite" "SELECT hex(blob) FROM Packages WHERE hnum=$h" \
    | xxd -r -p > "$work/blobs/$h.hdr"
done

# --- 4. Berkeley DB hash: keys are header numbers as 4 native-order (here little-endian) bytes ---
# Like rpm's own Packages, key 0 holds the last header number used (4 bytes), not a header.
dump_input() { # $1: byte order of the keys: le or be
  local le=$1 max=0
  echo "VERSION=3"; echo "format=bytevalue"; echo "type=hash"; echo "HEADER=END"
  for f in $(ls "$work/blobs" | sort -n); do
    local h=${f%.hdr}
    [ "$h" -gt "$max" ] && max=$h
    printf ' %s\n' "$(key "$h" "$le")"
    printf ' %s\n' "$(xxd -p "$work/blobs/$f" | tr -d '\n')"
  done
  printf ' %s\n %s\n' "$(key 0 "$le")" "$(key "$max" "$le")"
  echo "DATA=END"
}
key() { if [ "$2" = le ]; then printf '%02x%02x%02x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); else printf '%08x' "$1"; fi; }
for c in bdb bdb-bigendian bdb-checksum bdb-truncated; do
  mkdir -p "$here/$c/var/lib/rpm"
  rm -f "$here/$c/var/lib/rpm/Packages"
done
dump_input le | db5.3_load -c db_pagesize=4096 -f /dev/stdin "$here/bdb/var/lib/rpm/Packages"
# Small pages force every header onto overflow-page chains; big-endian exercises byte swapping.
dump_input be | db5.3_load -c db_pagesize=512 -c db_lorder=4321 -f /dev/stdin "$here/bdb-bigendian/var/lib/rpm/Packages"
dump_input le | db5.3_load -c db_pagesize=8192 -c chksum=1 -f /dev/stdin "$here/bdb-checksum/var/lib/rpm/Packages"
head -c $((6 * 4096)) "$here/bdb/var/lib/rpm/Packages" > "$here/bdb-truncated/var/lib/rpm/Packages"
# rpm's own read-only Berkeley DB backend as a second oracle.
mkdir -p "$work/bdbroot/var/lib/rpm"
cp "$here/bdb/var/lib/rpm/Packages" "$work/bdbroot/var/lib/rpm/"
rpm --define '_db_backend bdb_ro' --root "$work/bdbroot" --dbpath /var/lib/rpm -qa \
  --qf '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\n' 2>/dev/null | LC_ALL=C sort > "$here/bdb/oracle.tsv"

# --- 5. Berkeley DB after upgrades, through Berkeley DB's own library (Debian's python3-bsddb3) -----
# Like "rpm -U" of every package: each header is stored twice (records 1-7, then 8-14) and the first
# 7 records are erased. That frees their overflow pages (type 0) and empties hash pages; with
# 512-byte pages and fill factor 1 the table has split into 12 buckets, and Berkeley DB extended the
# file for the last split by writing an empty hash page beyond the last bucket. db5.3_verify and
# rpm's bdb_ro must accept it.
mkdir -p "$here/bdb-erased/var/lib/rpm"
rm -f "$here/bdb-erased/var/lib/rpm/Packages"
/usr/bin/python3 - "$work/blobs" "$here/bdb-erased/var/lib/rpm/Packages" <<'PY'
import os, struct, sys
from bsddb3 import db
names = sorted(os.listdir(sys.argv[1]), key=lambda f: int(f.split('.')[0]))
blobs = [open(os.path.join(sys.argv[1], f), 'rb').read() for f in names]
d = db.DB()
d.set_pagesize(512)
d.set_h_ffactor(1)
d.open(sys.argv[2], dbtype=db.DB_HASH, flags=db.DB_CREATE)
n = 0
for _ in range(2):
    for blob in blobs:
        n += 1
        d.put(struct.pack('<I', n), blob)
        d.put(struct.pack('<I', 0), struct.pack('<I', n))
for k in range(1, len(blobs) + 1):
    d.delete(struct.pack('<I', k))
d.close()
PY
chmod 644 "$here/bdb-erased/var/lib/rpm/Packages"
db5.3_verify -q "$here/bdb-erased/var/lib/rpm/Packages"
mkdir -p "$work/erasedroot/var/lib/rpm"
cp "$here/bdb-erased/var/lib/rpm/Packages" "$work/erasedroot/var/lib/rpm/"
n=$(rpm --define '_db_backend bdb_ro' --root "$work/erasedroot" --dbpath /var/lib/rpm -qa 2>/dev/null | wc -l)
[ "$n" -eq 7 ] || { echo "bdb_ro lists $n headers in bdb-erased, not 7" >&2; exit 1; }
echo "done; now run RpmNdbWriter (see README.md) and the tests"
