#!/usr/bin/env python3
"""Checks that Cargo.toml's `rust-version` is true for the locked crates:
every package in Cargo.lock (dependencies and dev-dependencies, every
platform) declares a `rust-version` at or below ours. Static: it reads
`cargo metadata` and builds nothing, so no older toolchain is needed.
Exit 0 when it holds, 1 (listing the crates) when it does not."""

import json
import subprocess
import sys


def version_key(text):
    """`1.85` and `1.85.0` compare equal; missing parts count as 0."""
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    # Not --offline: on a fresh machine the crates of other platforms are
    # not downloaded yet, and metadata needs their manifests.
    run = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        print(f"error: cargo metadata failed:\n{run.stderr}")
        return 2
    meta = json.loads(run.stdout)
    root_id = meta["resolve"]["root"]
    root = next(p for p in meta["packages"] if p["id"] == root_id)
    ours = root.get("rust_version")
    if not ours:
        print(f"error: {root['name']} declares no rust-version in Cargo.toml")
        return 1
    above = sorted(
        (version_key(p["rust_version"]), p["name"], p["version"], p["rust_version"])
        for p in meta["packages"]
        if p["id"] != root_id
        and p.get("rust_version")
        and version_key(p["rust_version"]) > version_key(ours)
    )
    if above:
        print(f"error: Cargo.toml says rust-version = {ours!r}, but locked crates need more:")
        for _, name, version, needs in above:
            print(f"  {name} {version} needs Rust {needs}")
        print("raise rust-version (and the README) or pin older crates in Cargo.lock")
        return 1
    newest = max(
        (version_key(p["rust_version"]) for p in meta["packages"] if p.get("rust_version")),
        default=(0, 0, 0),
    )
    print(
        f"rust-version {ours}: every locked crate agrees "
        f"(the most demanding needs {'.'.join(map(str, newest[:2]))})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
