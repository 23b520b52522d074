#!/usr/bin/env bash
# Installs what the Spark recipe needs, the way its users do: Java from the
# system package manager (apt), PySpark from PyPI into a virtual environment
# kept outside the repository, so that later runs do not download it again.
#
#   examples/spark/setup.sh          # installs what is missing
#   examples/spark/setup.sh --check  # installs nothing
#
# Environment:
#   FRAMESCOPE_SPARK_VENV  where the virtual environment lives (default:
#                          ~/.cache/framescope/spark-venv-pyspark-VERSION)
#
# Messages go to stderr; stdout is the environment's path. Put its bin/
# first on PATH (and leave JAVA_HOME unset): spark-submit finds PySpark
# through the python there, and Java through the `java` link this script
# puts there. Exit 1 when Java 17+ or PySpark is missing and cannot be
# installed (with --check: is missing).
set -euo pipefail

check_only=0
[ "${1:-}" = "--check" ] && check_only=1

# Spark 4 runs on Java 17 and 21.
PYSPARK_VERSION=4.1.1
JAVA_MIN=17

say() { echo "spark setup: $*" >&2; }

# The major version of a java binary: `java -version` prints e.g.
# openjdk version "17.0.15" 2025-04-15
java_major() {
    "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1
}

# A java binary of version JAVA_MIN or later: the one on PATH, else one of
# Debian's under /usr/lib/jvm (installed but not the default).
find_java() {
    local candidate major
    for candidate in "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*/bin/java; do
        if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
        major=$(java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge "$JAVA_MIN" ]; then
            # The binary itself, not a link (which may be ours, below).
            readlink -f "$candidate"
            return 0
        fi
    done
    return 1
}

install_java() {
    local sudo_cmd="" pkg updated=0
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
    if ! command -v apt-get >/dev/null 2>&1; then
        say "no apt-get here: install Java $JAVA_MIN or later yourself"
        return 1
    fi
    # Debian 12 has 17, later releases 21. The package lists are refreshed
    # once, when an install first fails.
    for pkg in openjdk-17-jre-headless openjdk-21-jre-headless; do
        while true; do
            say "installing $pkg with apt-get"
            if $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >&2; then
                find_java >/dev/null && return 0
                break
            fi
            [ "$updated" -eq 1 ] && break
            say "apt-get update"
            $sudo_cmd apt-get update -qq >&2 || true
            updated=1
        done
    done
    return 1
}

if ! java=$(find_java); then
    [ "$check_only" -eq 1 ] && { say "no Java $JAVA_MIN or later"; exit 1; }
    install_java || { say "could not install Java $JAVA_MIN or later"; exit 1; }
    java=$(find_java)
fi
say "$("$java" -version 2>&1 | head -n 1) ($java)"

home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
venv=${FRAMESCOPE_SPARK_VENV:-${XDG_CACHE_HOME:-$home/.cache}/framescope/spark-venv-pyspark-$PYSPARK_VERSION}

has_pyspark() {
    [ -x "$1/bin/python" ] && [ -x "$1/bin/spark-submit" ] &&
        "$1/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null
}

if ! has_pyspark "$venv"; then
    [ "$check_only" -eq 1 ] && { say "no pyspark==$PYSPARK_VERSION in $venv"; exit 1; }
    # Built beside its place and moved there only when complete, so that an
    # interrupted download is not taken for an installed one.
    mkdir -p "$(dirname "$venv")"
    rm -rf "$venv.partial"
    say "creating $venv with pyspark==$PYSPARK_VERSION from PyPI (about 450 MB)"
    python3 -m venv "$venv.partial" >&2
    "$venv.partial/bin/python" -m pip install --quiet --disable-pip-version-check \
        "pyspark==$PYSPARK_VERSION" >&2 || { say "pip could not install pyspark==$PYSPARK_VERSION"; exit 1; }
    rm -rf "$venv"
    mv "$venv.partial" "$venv"
    # The environment's scripts name its path: rewrite them for the new one.
    grep -rlZ "$venv.partial" "$venv/bin" | xargs -0 -r sed -i "s#$venv.partial#$venv#g"
    has_pyspark "$venv" || { say "pyspark==$PYSPARK_VERSION is not usable in $venv"; exit 1; }
fi
# spark-submit runs the first `java` on PATH: this one.
ln -sfn "$java" "$venv/bin/java"
say "pyspark $PYSPARK_VERSION in $venv"
echo "$venv"
