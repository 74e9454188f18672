#!/usr/bin/env bash
# Rebuilds the inputs of this script's rpm fixture cases (see README.md): sysimage-sqlite,
# bdb-overflow, bdb-inline, bdb-bigendian-chksum, ndb-rpmbuilt, ndb-erased, ndb-bad-checksum,
# ndb-truncated, sqlite-bad-header, sqlite-truncated, sqlite-wal and garbage. The other cases
# (sqlite, bdb, ndb, ...) are build-fixtures.sh's; this script leaves them alone.
# Needs Debian's rpm (rpm, rpmbuild), sqlite3, db5.3-util (db5.3_load), gpg and python3.
# NDB needs an rpm built with --enable-ndb (Debian's is not): README.md says how; pass the bin
# directory of that build as NDB_RPM_BIN.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "${NDB_RPM_BIN:-}/rpmdb" ]; then
  echo "NDB_RPM_BIN must name the bin directory of an rpm built with --enable-ndb (see README.md)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"

# --- 1. Build a handful of real binary rpms -------------------------------------------------
mkdir -p "$work/specs"
common='%global debug_package %{nil}
%global _build_id_links none
Vendor: Drydock fixtures
URL: https://example.invalid/'
cat > "$work/specs/hello.spec" <<SPEC
$common
Name: hello
Version: 2.12.1
Release: 4.fc40
Summary: Prints a greeting
License: GPL-3.0-or-later
%description
Fixture package with a subpackage.
%package libs
Summary: Greeting library
%description libs
Library subpackage; its source rpm is hello.
%install
mkdir -p %{buildroot}/usr/bin %{buildroot}/usr/lib64
echo '#!/bin/sh' > %{buildroot}/usr/bin/hello
echo lib > %{buildroot}/usr/lib64/libhello.so.1
%files
/usr/bin/hello
%files libs
/usr/lib64/libhello.so.1
SPEC
cat > "$work/specs/openssl.spec" <<SPEC
$common
Name: openssl
Epoch: 1
Version: 3.0.7
Release: 27.el9
Summary: TLS toolkit
License: Apache-2.0
%description
Fixture package with an epoch.
%package libs
Summary: TLS libraries
%description libs
Only this subpackage gets installed.
%install
mkdir -p %{buildroot}/usr/lib64
echo ssl > %{buildroot}/usr/lib64/libssl.so.3
%files
%files libs
/usr/lib64/libssl.so.3
SPEC
cat > "$work/specs/tzdata.spec" <<SPEC
$common
Name: tzdata
Version: 2024a
Release: 1.el9
Summary: Time zone data
License: LicenseRef-Fedora-Public-Domain
BuildArch: noarch
%description
Fixture noarch package.
%install
mkdir -p %{buildroot}/usr/share/zoneinfo
echo UTC > %{buildroot}/usr/share/zoneinfo/UTC
%files
/usr/share/zoneinfo/UTC
SPEC
cat > "$work/specs/nodejs.spec" <<SPEC
$common
Name: nodejs
Epoch: 1
Version: 18.14.2
Release: 2.module+el9.1.0+18311+d8ba1e41
Summary: JavaScript runtime
License: MIT
%description
Fixture modular package (rpmbuild stores the modularitylabel macro in the header).
%install
mkdir -p %{buildroot}/usr/bin
echo node > %{buildroot}/usr/bin/node
%files
/usr/bin/node
SPEC
for s in hello openssl tzdata; do
  rpmbuild -bb --quiet --define "_topdir $work/build" "$work/specs/$s.spec"
done
rpmbuild -bb --quiet --define "_topdir $work/build" \
  --define 'modularitylabel nodejs:18:9010020230317152140:rhel9' "$work/specs/nodejs.spec"

# --- 2. Install them into an rpm database (rpm's default sqlite backend) -------------------
db="$work/db"
mkdir -p "$db"
rpm --dbpath "$db" --define '_db_backend sqlite' -i --justdb --nodeps --noscripts \
  "$work"/build/RPMS/x86_64/hello-2.12.1-4.fc40.x86_64.rpm \
  "$work"/build/RPMS/x86_64/hello-libs-2.12.1-4.fc40.x86_64.rpm \
  "$work"/build/RPMS/x86_64/openssl-libs-3.0.7-27.el9.x86_64.rpm \
  "$work"/build/RPMS/noarch/tzdata-2024a-1.el9.noarch.rpm \
  "$work"/build/RPMS/x86_64/nodejs-18.14.2-2.module+el9.1.0+18311+d8ba1e41.x86_64.rpm
# A signing key, as "rpm --import" stores it: a gpg-pubkey pseudo-package.
gpg --batch --quiet --passphrase '' --quick-gen-key 'Drydock Fixtures <fixtures@example.invalid>' rsa2048 sign never
gpg --batch --armor --export fixtures@example.invalid > "$work/key.asc"
rpm --dbpath "$db" --define '_db_backend sqlite' --import "$work/key.asc"
echo "rpm -qa (sqlite):"; rpm --dbpath "$db" --define '_db_backend sqlite' -qa | sort

put() { # put CASE IMAGE-PATH SOURCE-FILE
  mkdir -p "$here/$1/$(dirname "$2")"
  cp "$3" "$here/$1/$2"
}
# Replace the inputs of this script's cases; keep the want.json files, so the tests show any change.
for c in sysimage-sqlite bdb-overflow bdb-inline bdb-bigendian-chksum ndb-rpmbuilt ndb-erased \
    ndb-bad-checksum ndb-truncated sqlite-bad-header sqlite-truncated sqlite-wal garbage; do
  rm -rf "${here:?}/$c/var" "${here:?}/$c/usr"
done
put sysimage-sqlite usr/lib/sysimage/rpm/rpmdb.sqlite "$db/rpmdb.sqlite"

# --- 3. The same headers in Berkeley DB hash files (rpm < 4.16's "Packages") ---------------
# rpm keeps one record per header, keyed by its 4-byte instance number in host byte order, plus
# record 0 holding the last instance number. db5.3_load writes the hash file from a dump.
bdb() { # bdb OUT-FILE BYTE-ORDER(1234|4321) PAGESIZE [extra db_load -c options...]
  local out=$1 lorder=$2 pagesize=$3; shift 3
  python3 - "$db/rpmdb.sqlite" "$lorder" "$pagesize" > "$work/dump.txt" <<'PY'
import sqlite3, struct, sys
path, lorder, pagesize = sys.argv[1], sys.argv[2], sys.argv[3]
fmt = '<I' if lorder == '1234' else '>I'
rows = sqlite3.connect(path).execute('SELECT hnum, blob FROM Packages ORDER BY hnum').fetchall()
print('VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=%s\nHEADER=END' % pagesize)
print(' ' + struct.pack(fmt, 0).hex()); print(' ' + struct.pack(fmt, max(r[0] for r in rows)).hex())
for hnum, blob in rows:
    print(' ' + struct.pack(fmt, hnum).hex()); print(' ' + bytes(blob).hex())
print('DATA=END')
PY
  rm -f "$out"
  db5.3_load -c db_lorder="$lorder" "$@" -f "$work/dump.txt" "$out"
}
check_bdb() { # rpm's own read-only Berkeley DB reader must list all six headers
  local n; n=$(rpm --dbpath "$work/bdb" --define '_db_backend bdb_ro' -qa 2>/dev/null | wc -l)
  [ "$n" -eq 6 ] || { echo "bdb_ro lists $n packages, not 6" >&2; exit 1; }
}
mkdir -p "$work/bdb"
# Small pages: every header spills into chains of overflow pages.
bdb "$work/bdb/Packages" 1234 512
check_bdb
put bdb-overflow var/lib/rpm/Packages "$work/bdb/Packages"
# Big pages: every header is stored inline in its hash page.
bdb "$work/bdb/Packages" 1234 65536
check_bdb
put bdb-inline var/lib/rpm/Packages "$work/bdb/Packages"
# A big-endian database (s390x, ppc64), with page checksums on. rpm's bdb_ro reader handles
# neither, so Berkeley DB's own db5.3_dump checks this one.
bdb "$work/bdb/Packages" 4321 4096 -c chksum=1
db5.3_dump "$work/bdb/Packages" > /dev/null
put bdb-bigendian-chksum var/lib/rpm/Packages "$work/bdb/Packages"

# --- 4. Broken inputs: each must give a diagnostic, never an exception ---------------------
cp "$db/rpmdb.sqlite" "$work/bad.sqlite"
sqlite3 "$work/bad.sqlite" "UPDATE Packages SET blob = substr(blob, 1, 40) WHERE hnum = 2;"
put sqlite-bad-header var/lib/rpm/rpmdb.sqlite "$work/bad.sqlite"
head -c 8192 "$db/rpmdb.sqlite" > "$work/trunc.sqlite"
put sqlite-truncated var/lib/rpm/rpmdb.sqlite "$work/trunc.sqlite"
mkdir -p "$here/garbage/var/lib/rpm"
printf 'this is not an rpm database\n' > "$here/garbage/var/lib/rpm/Packages"
printf 'this is not an rpm database\n' > "$here/garbage/var/lib/rpm/rpmdb.sqlite"
printf 'RpmP' > "$here/garbage/var/lib/rpm/Packages.db"
# A write-ahead log left behind by a process that never closed the database.
cp "$db/rpmdb.sqlite" "$work/wal.sqlite"
python3 - "$work/wal.sqlite" <<'PY'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute('PRAGMA journal_mode=WAL')
c.execute('DELETE FROM Packages WHERE hnum = 1')
c.commit()
os._exit(0)  # no close, no checkpoint: the deletion lives only in the -wal file
PY
put sqlite-wal var/lib/rpm/rpmdb.sqlite "$work/wal.sqlite"
put sqlite-wal var/lib/rpm/rpmdb.sqlite-wal "$work/wal.sqlite-wal"

# --- 5. NDB, SUSE's Packages.db, converted from the sqlite database by rpm itself ------------
ndb="$work/ndb"
mkdir -p "$ndb"
cp "$db/rpmdb.sqlite" "$ndb/"
"$NDB_RPM_BIN/rpmdb" --dbpath "$ndb" --define '_db_backend ndb' --rebuilddb 2>/dev/null
rm -f "$ndb/rpmdb.sqlite"
[ "$("$NDB_RPM_BIN/rpm" --dbpath "$ndb" -qa | wc -l)" -eq 6 ] || { echo "ndb conversion lost packages" >&2; exit 1; }
put ndb-rpmbuilt usr/lib/sysimage/rpm/Packages.db "$ndb/Packages.db"
# One byte of one stored header changed: its blob checksum no longer matches.
python3 - "$ndb/Packages.db" "$work/ndb-bad.db" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
slots = [struct.unpack_from('<4I', b, o) for o in range(32, 4096, 16)]
used = [s for s in slots if s[2] != 0]
b[used[1][2] * 16 + 16 + 200] ^= 0x20
open(sys.argv[2], 'wb').write(b)
PY
put ndb-bad-checksum usr/lib/sysimage/rpm/Packages.db "$work/ndb-bad.db"
head -c 10000 "$ndb/Packages.db" > "$work/ndb-trunc.db"
put ndb-truncated usr/lib/sysimage/rpm/Packages.db "$work/ndb-trunc.db"
# An erased package leaves a free slot and a zeroed blob behind.
"$NDB_RPM_BIN/rpm" --dbpath "$ndb" -e --justdb --nodeps --noscripts tzdata
put ndb-erased var/lib/rpm/Packages.db "$ndb/Packages.db"

ls -lR "$here" | grep -v want.json
