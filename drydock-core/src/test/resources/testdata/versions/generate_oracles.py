#!/usr/bin/env python3
"""Generates the oracle tables under this folder: random version pairs, each compared by the
reference implementation of its ecosystem, written as TSV (a, b, sign of compare(a, b)).

Run through generate-oracles.sh, which prepares npm's semver package. Oracles:
  dpkg     dpkg --compare-versions (lt / eq)
  rpm      rpm's Lua rpm.vercmp (batched into one script per chunk)
  npm      node + semver (semver.compare; semver.valid for the validity table)
  pep440   Python packaging.version.Version
  rubygems ruby Gem::Version (<=>, correct?)
  composer php + Composer\\Semver (VersionParser::normalize, then Comparator::compare)
The seed is fixed, so re-running with the same tool versions reproduces the files byte for byte.
"""
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PAIRS = int(os.environ.get("ORACLE_PAIRS", "1500"))


def write(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as f:
        for h in header:
            f.write("# " + h + "\n")
        for r in rows[:PAIRS]:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"{name}: {min(len(rows), PAIRS)} rows", file=sys.stderr)


def sign(x):
    return (x > 0) - (x < 0)


def pairs_from(rng, gen, mutate, n):
    """About a third independent pairs, the rest near-misses (a mutated copy of a), plus some identical pairs."""
    seen = set()
    out = []
    while len(out) < n:
        a = gen(rng)
        r = rng.random()
        if r < 0.35:
            b = gen(rng)
        elif r < 0.95:
            b = a
            for _ in range(rng.randint(1, 3)):
                b = mutate(rng, b)
        else:
            b = a
        if rng.random() < 0.5:
            a, b = b, a
        if (a, b) in seen or "\t" in a + b or not a.strip() or not b.strip():
            continue
        seen.add((a, b))
        out.append((a, b))
    return out


def digits(rng, lead_zero=0.1, big=0.02):
    if rng.random() < big:
        return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(rng.randint(19, 25)))
    s = str(rng.choice([0, 0, 1, 1, 1, 2, 2, 3, 9, 10, 11, 20, 99, 100, 2019, 20240101]))
    if rng.random() < lead_zero:
        s = "0" * rng.randint(1, 2) + s
    return s


def edit(rng, s, alphabet):
    """A random single-character edit of s."""
    if not s:
        return rng.choice(alphabet)
    i = rng.randrange(len(s) + 1)
    op = rng.random()
    if op < 0.4:
        return s[:i] + rng.choice(alphabet) + s[i:]
    if op < 0.7 and i < len(s):
        return s[:i] + rng.choice(alphabet) + s[i + 1:]
    if i < len(s):
        return s[:i] + s[i + 1:]
    return s + rng.choice(alphabet)


# ---------------------------------------------------------------------------------------- dpkg
DPKG_LETTERS = "aabzAZ"


def dpkg_part(rng, seps, first_digit):
    s = digits(rng) if first_digit else ""
    for _ in range(rng.randint(0 if first_digit else 1, 5)):
        c = rng.random()
        if c < 0.35:
            s += rng.choice(seps) + digits(rng)
        elif c < 0.55:
            s += "".join(rng.choice(DPKG_LETTERS) for _ in range(rng.randint(1, 3)))
        elif c < 0.7:
            s += "~" + rng.choice(["", "rc", "beta", "1", "~"])
        elif c < 0.8:
            s += "+" + rng.choice(["", "dfsg", "b1", "deb12u1", "really"])
        else:
            s += digits(rng)
    return s


def dpkg_gen(rng):
    epoch = ""
    if rng.random() < 0.25:
        epoch = str(rng.choice([0, 0, 1, 1, 2, 10])) + ":"
    has_rev = rng.random() < 0.6
    useps = "." + ("-" if has_rev and rng.random() < 0.2 else "") + (":" if epoch and rng.random() < 0.1 else "")
    up = dpkg_part(rng, useps or ".", True)
    rev = ""
    if has_rev:
        rev = "-" + dpkg_part(rng, ".", rng.random() < 0.9)
    return epoch + up + rev


def dpkg_valid(v):
    if ":" in v:
        e, rest = v.split(":", 1)
        if not e.isdigit() or not rest:
            return False
    else:
        rest = v
    if "-" in rest:
        up, rev = rest.rsplit("-", 1)
        if not rev or not all(c.isalnum() or c in ".+~" for c in rev):
            return False
    else:
        up = rest
    if not up or not up[0].isdigit():
        return False
    return all((c.isascii() and c.isalnum()) or c in ".+~-:" for c in up) and rest.isascii()


def dpkg_mutate(rng, v):
    for _ in range(20):
        m = rng.random()
        if m < 0.6:
            w = edit(rng, v, "0129aAz~+.-:")
        elif m < 0.7:
            w = v + rng.choice(["~", "~1", "+1", ".0", "0", "a", "-0", "-1"])
        elif m < 0.8:
            w = ("0:" + v) if ":" not in v else v.split(":", 1)[1]
        elif m < 0.9:
            w = v.replace("0", "00", 1) if "0" in v else v + ".0"
        else:
            w = v.swapcase()
        if dpkg_valid(w):
            return w
    return v


def dpkg_oracle(pairs):
    rows = []
    for a, b in pairs:
        lt = subprocess.run(["dpkg", "--compare-versions", a, "lt", b], capture_output=True)
        eq = subprocess.run(["dpkg", "--compare-versions", a, "eq", b], capture_output=True)
        if lt.stderr or eq.stderr or lt.returncode not in (0, 1) or eq.returncode not in (0, 1):
            continue  # dpkg warned: not a version policy allows
        rows.append((a, b, -1 if lt.returncode == 0 else 0 if eq.returncode == 0 else 1))
    return rows


# ----------------------------------------------------------------------------------------- rpm
def rpm_part(rng):
    s = digits(rng) if rng.random() < 0.9 else rng.choice(["a", "rc", "Z"])
    for _ in range(rng.randint(0, 5)):
        c = rng.random()
        if c < 0.35:
            s += rng.choice("._+") + (digits(rng) if rng.random() < 0.8 else rng.choice(["el9", "fc40", "b", "git"]))
        elif c < 0.5:
            s += "".join(rng.choice("abzAZ") for _ in range(rng.randint(1, 3)))
        elif c < 0.62:
            s += "~" + rng.choice(["", "rc1", "beta", "1", "~"])
        elif c < 0.74:
            s += "^" + rng.choice(["", "git1", "20240101", "a", "^"])
        elif c < 0.8:
            s += rng.choice(["..", "_", "+", "."])
        else:
            s += digits(rng)
    return s


def rpm_gen(rng):
    epoch = str(rng.choice([0, 1, 2, 10, 1, 0])) + ":" if rng.random() < 0.2 else ""
    rel = "-" + rpm_part(rng) if rng.random() < 0.6 else ""
    return epoch + rpm_part(rng) + rel


def rpm_valid(v):
    if v.count(":") > 1 or v.count("-") > 1:
        return False
    if ":" in v:
        e, v = v.split(":", 1)
        if not e.isdigit():
            return False
    ver, _, rel = v.partition("-")
    ok = lambda p: p and all((c.isascii() and c.isalnum()) or c in "._+~^" for c in p)
    return ok(ver) and (rel == "" and "-" not in v or ok(rel))


def rpm_mutate(rng, v):
    for _ in range(20):
        m = rng.random()
        if m < 0.6:
            w = edit(rng, v, "019aZ.~^_+")
        elif m < 0.75:
            w = v + rng.choice(["~", "~1", "^", "^1", ".0", "0", "a", ".", "-1"])
        elif m < 0.85:
            w = ("0:" + v) if ":" not in v else v.split(":", 1)[1]
        elif m < 0.92:
            w = v.replace("0", "00", 1) if "0" in v else v + ".0"
        else:
            w = v.split("-")[0]
        if rpm_valid(w):
            return w
    return v


def rpm_oracle(pairs):
    rows = []
    for i in range(0, len(pairs), 300):
        chunk = pairs[i:i + 300]
        script = "%{lua:\n" + "".join(
            f'print(rpm.vercmp("{a}", "{b}")) print("\\n")\n' for a, b in chunk) + "}"
        out = subprocess.run(["rpm", "--eval", script], capture_output=True, text=True, check=True)
        res = out.stdout.split()
        assert len(res) == len(chunk), (len(res), len(chunk), out.stderr)
        rows += [(a, b, sign(int(r))) for (a, b), r in zip(chunk, res)]
    return rows


# ------------------------------------------------------------------------------------- npm semver
PRE_IDS = ["alpha", "beta", "rc", "0", "1", "2", "10", "11", "a", "b", "x-y", "-", "0a", "alpha-1", "A", "Z", "z9",
           "20191109021931", "daa7c04131f5"]


def semver_gen(rng):
    v = "v" if rng.random() < 0.1 else ""
    v += ".".join(str(rng.choice([0, 0, 1, 1, 2, 3, 10, 11])) for _ in range(3))
    if rng.random() < 0.6:
        if rng.random() < 0.15:  # Go pseudo-version shapes
            v += rng.choice(["-0.", "-", "-pre.0."]) + "20191109021931-daa7c04131f5"
        else:
            v += "-" + ".".join(rng.choice(PRE_IDS) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.15:
        v += "+" + ".".join(rng.choice(["build", "1", "001", "sha-5114f85", "incompatible"]) for _ in range(rng.randint(1, 2)))
    return v


def semver_mutate(rng, v):
    m = rng.random()
    if m < 0.5:
        return edit(rng, v, "0129a.-+zA")
    if m < 0.7:
        return v + rng.choice(["-0", ".1", "-alpha", ".0", "+b", ".a"])
    if m < 0.85:
        return v.split("+")[0]
    return v.split("-")[0]


def npm_oracle(node_modules, pairs, candidates):
    js = """
const semver = require('semver');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {pairs: [], valid: []};
for (const [a, b] of input.pairs) {
  if (semver.valid(a) === null || semver.valid(b) === null) continue;
  out.pairs.push([a, b, semver.compare(a, b)]);
}
for (const v of input.candidates) out.valid.push([v, semver.valid(v) !== null]);
out.version = require('semver/package.json').version;
process.stdout.write(JSON.stringify(out));
"""
    env = dict(os.environ, NODE_PATH=node_modules)
    res = subprocess.run(["node", "-e", js], input=json.dumps({"pairs": pairs, "candidates": candidates}),
                         capture_output=True, text=True, check=True, env=env)
    return json.loads(res.stdout)


# -------------------------------------------------------------------------------------- PEP 440
def pep440_gen(rng):
    s = rng.choice(["", "", "", "v", "V", " "])
    if rng.random() < 0.1:
        s += str(rng.choice([0, 1, 2])) + "!"
    s += ".".join(digits(rng, big=0.01) for _ in range(rng.randint(1, 4)))
    sep = lambda: rng.choice(["", "", ".", "-", "_"])
    if rng.random() < 0.35:
        s += sep() + rng.choice(["a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "RC", "A"])
        if rng.random() < 0.8:
            s += sep() + digits(rng)
    if rng.random() < 0.25:
        if rng.random() < 0.3:
            s += "-" + digits(rng)
        else:
            s += sep() + rng.choice(["post", "rev", "r", "POST"])
            if rng.random() < 0.7:
                s += sep() + digits(rng)
    if rng.random() < 0.25:
        s += sep() + rng.choice(["dev", "DEV"])
        if rng.random() < 0.7:
            s += sep() + digits(rng)
    if rng.random() < 0.15:
        s += "+" + rng.choice(["-", ".", "_"]).join(
            rng.choice(["ubuntu", "1", "abc", "0", "00", "cpu", "cu118", "Z"]) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.05:
        s += " "
    return s


def pep440_mutate(rng, v):
    m = rng.random()
    if m < 0.6:
        return edit(rng, v, "019.-_+abcrvdpostev!")
    return v + rng.choice([".0", "a", "a1", ".post1", ".dev0", "+1", "+a", "-1", "rc", ".0.0"])


def pep440_oracle(pairs, candidates):
    from packaging.version import InvalidVersion, Version
    import packaging

    def parse(v):
        try:
            return Version(v)
        except InvalidVersion:
            return None
    rows = []
    for a, b in pairs:
        va, vb = parse(a), parse(b)
        if va is None or vb is None:
            continue
        rows.append((a, b, -1 if va < vb else 0 if va == vb else 1))
    valid = [(v, parse(v) is not None) for v in candidates]
    return packaging.__version__, rows, valid


# ------------------------------------------------------------------------------------- RubyGems
def gem_gen(rng):
    s = digits(rng)
    for _ in range(rng.randint(0, 4)):
        c = rng.random()
        if c < 0.55:
            s += "." + digits(rng)
        elif c < 0.8:
            s += "." + rng.choice(["a", "b", "pre", "rc", "rc1", "beta2", "A", "Alpha", "0a", "1b2", "z"])
        else:
            s += "-" + rng.choice(["rc", "1", "beta.2", "x-y", "pre1"])
    return s


def gem_mutate(rng, v):
    m = rng.random()
    if m < 0.6:
        return edit(rng, v, "019.-abzA")
    return v + rng.choice([".0", ".a", "-1", ".pre", "a", "0", ".0.0"])


RUBY = r"""
require 'json'
input = JSON.parse($stdin.read)
out = {'version' => Gem::VERSION, 'pairs' => [], 'valid' => []}
input['pairs'].each do |a, b|
  next unless Gem::Version.correct?(a) && Gem::Version.correct?(b)
  out['pairs'] << [a, b, Gem::Version.new(a) <=> Gem::Version.new(b)]
end
input['candidates'].each { |v| out['valid'] << [v, Gem::Version.correct?(v) ? true : false] }
print JSON.generate(out)
"""


# ------------------------------------------------------------------------------------- Composer
def composer_gen(rng):
    s = rng.choice(["", "", "", "v", "V"])
    s += ".".join(digits(rng, big=0.0) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.4:
        s += rng.choice(["", "-", ".", "_"]) + rng.choice(
            ["alpha", "a", "beta", "b", "RC", "rc", "patch", "pl", "p", "stable", "Beta", "ALPHA"])
        if rng.random() < 0.7:
            s += rng.choice(["", ".", "-"]) + digits(rng, big=0.0)
            if rng.random() < 0.2:
                s += rng.choice([".", "-"]) + digits(rng, big=0.0)
    if rng.random() < 0.15:
        s += rng.choice(["-dev", ".dev", "dev"])
    if rng.random() < 0.08:
        s += "+" + rng.choice(["build1", "sha.1"])
    if rng.random() < 0.05:
        s = rng.choice(["1.x-dev", "2.1.x-dev", "1.2.*-dev", "3.X-dev", "v2.x-dev", "20200101", "2020-01-02", "20200102.1",
                        "2020.01.02.123", "2020-01-02-beta1"])
    return s


def composer_mutate(rng, v):
    m = rng.random()
    if m < 0.6:
        return edit(rng, v, "019.-_abdepRC")
    return v + rng.choice([".0", "-dev", "-beta1", ".1", "RC2", "-p1", "pl"])


PHP = r"""<?php
require '/usr/share/php/Composer/Semver/autoload.php';
use Composer\Semver\VersionParser;
use Composer\Semver\Comparator;
$in = json_decode(stream_get_contents(STDIN), true);
$p = new VersionParser();
$norm = function ($v) use ($p) {
  try { $n = $p->normalize($v); return strpos($n, 'dev-') === 0 ? null : $n; } catch (\Exception $e) { return null; }
};
$out = ['pairs' => [], 'valid' => []];
foreach ($in['pairs'] as [$a, $b]) {
  $na = $norm($a); $nb = $norm($b);
  if ($na === null || $nb === null) continue;
  $c = Comparator::lessThan($na, $nb) ? -1 : (Comparator::equalTo($na, $nb) ? 0 : 1);
  $out['pairs'][] = [$a, $b, $c];
}
foreach ($in['candidates'] as $v) { $out['valid'][] = [$v, $norm($v) !== null]; }
echo json_encode($out);
"""


def run_json(cmd, payload):
    res = subprocess.run(cmd, input=json.dumps(payload), capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def tool_version(cmd):
    return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]


def main():
    only = set(sys.argv[1:])
    want = lambda k: not only or k in only

    if want("dpkg"):
        rng = random.Random(440001)
        pairs = pairs_from(rng, dpkg_gen, dpkg_mutate, PAIRS)
        rows = dpkg_oracle(pairs)
        write("dpkg-oracle.tsv", [tool_version(["dpkg", "--version"]),
                                  "a\tb\tsign of dpkg's comparison of a with b (dpkg --compare-versions a lt|eq b)"], rows)
    if want("rpm"):
        rng = random.Random(440002)
        pairs = pairs_from(rng, rpm_gen, rpm_mutate, PAIRS)
        write("rpm-oracle.tsv", [tool_version(["rpm", "--version"]),
                                 "a\tb\tsign of rpm.vercmp(a, b) in rpm's Lua"], rpm_oracle(pairs))
    if want("npm"):
        rng = random.Random(440003)
        pairs = pairs_from(rng, semver_gen, semver_mutate, 2 * PAIRS)
        cands = sorted({v for v in {semver_mutate(rng, semver_gen(rng)) for _ in range(1200)} if v.strip()})
        res = npm_oracle(os.environ["SEMVER_NODE_MODULES"], pairs, cands)
        write("npm-semver-oracle.tsv", ["node semver " + res["version"],
                                        "a\tb\tsemver.compare(a, b); pairs where either is not semver.valid dropped"],
              res["pairs"])
        write("npm-semver-validity.tsv", ["node semver " + res["version"], "version\tsemver.valid(version) !== null"],
              [(v, str(ok).lower()) for v, ok in res["valid"]])
    if want("pep440"):
        rng = random.Random(440004)
        pairs = pairs_from(rng, pep440_gen, pep440_mutate, 2 * PAIRS)
        cands = sorted({v for v in {pep440_mutate(rng, pep440_gen(rng)) for _ in range(1200)} if v.strip()})
        ver, rows, valid = pep440_oracle(pairs, cands)
        write("pep440-oracle.tsv", ["Python packaging " + ver, "a\tb\tsign of Version(a) vs Version(b)"], rows)
        write("pep440-validity.tsv", ["Python packaging " + ver, "version\tVersion(version) parses"],
              [(v, str(ok).lower()) for v, ok in valid])
    if want("rubygems"):
        rng = random.Random(440005)
        pairs = pairs_from(rng, gem_gen, gem_mutate, 2 * PAIRS)
        cands = sorted({v for v in {gem_mutate(rng, gem_gen(rng)) for _ in range(1200)} if v.strip()})
        res = run_json(["ruby", "-e", RUBY], {"pairs": pairs, "candidates": cands})
        write("rubygems-oracle.tsv", ["RubyGems " + res["version"], "a\tb\tGem::Version.new(a) <=> Gem::Version.new(b)"],
              res["pairs"])
        write("rubygems-validity.tsv", ["RubyGems " + res["version"], "version\tGem::Version.correct?(version)"],
              [(v, str(ok).lower()) for v, ok in res["valid"]])
    if want("composer"):
        rng = random.Random(440006)
        pairs = pairs_from(rng, composer_gen, composer_mutate, 2 * PAIRS)
        cands = sorted({v for v in {composer_mutate(rng, composer_gen(rng)) for _ in range(1200)} if v.strip()})
        res = run_json(["php", "-r", "?>" + PHP], {"pairs": pairs, "candidates": cands})
        ver = (tool_version(["dpkg-query", "-W", "-f", "composer/semver ${Version} (Debian php-composer-semver)\n",
                             "php-composer-semver"]) + ", " + tool_version(["php", "--version"]))
        write("composer-oracle.tsv", [ver, "a\tb\tComparator on VersionParser::normalize(a), normalize(b)"],
              res["pairs"])
        write("composer-validity.tsv", [ver, "version\tnormalize(version) succeeds and is not a dev- branch"],
              [(v, str(ok).lower()) for v, ok in res["valid"]])


if __name__ == "__main__":
    main()
