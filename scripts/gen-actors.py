#!/usr/bin/env python3
"""Generates rules/actors/states.toml, the state part of the actor registry.

Every UN member and observer state, plus Taiwan, Hong Kong, Palestine and
Kosovo, with its names, official form, English demonyms (adjective, and the
plural for the people), and capital, is taken from a maintained package
rather than typed:

  world-countries 5.1.0 (npm; mledoze/countries; ODbL-1.0): ISO 3166-1
      alpha-3 codes (cca3), common and official names, alternative
      spellings, English demonyms, capitals, UN membership.
  pycountry 26.2.16 (PyPI; LGPL-2.1; ISO 3166-2:US from Debian iso-codes):
      the names of the fifty US states, whose governments count as the
      United States (codebook, "Government bodies count as the state").

What no package carries is curated by hand in scripts/states-curation.toml
(extra aliases such as "Britain" and "Turks", aliases to leave out,
exact-case aliases, ambiguous ones, exclusions, hand-written tests), and
merged here. The output is committed, so building and testing framescope
needs neither package; rerun this script after editing the curation file:

  npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
  python3 -m pip install pycountry==26.2.16
  python3 scripts/gen-actors.py --countries package/countries.json

Python 3.11 or newer (tomllib); no other dependency.
"""

import argparse
import json
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

WORLD_COUNTRIES = "5.1.0"
PYCOUNTRY = "26.2.16"

ROOT = Path(__file__).resolve().parent.parent
CURATION = ROOT / "scripts" / "states-curation.toml"
OUTPUT = ROOT / "rules" / "actors" / "states.toml"

# States that are not UN members but that the codebook codes.
NON_MEMBERS = {"PSE", "VAT", "TWN", "HKG", "UNK"}
# world-countries codes Kosovo with the user-assigned UNK; news coding uses XKX.
RENAME = {"UNK": "XKX"}

# Alternative spellings are kept only when they are English forms of the
# state's name ("Kingdom of Saudi Arabia") or acronyms ("UAE"): the package
# also lists names in the state's own languages ("Suomi", "Island" for
# Iceland), which would match English words. Curation adds what is missing.
ENGLISH_FORM = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Federated|Commonwealth|Union"
    r"|Principality|Duchy|Sultanate|Confederation|Islands|Emirates)\b"
)
ACRONYM = re.compile(r"^[A-Z]{3,5}$")
# Demonyms that name no people in the plural with an -s (Swiss, French,
# Chinese, Malagasy) or whose plural is another word (Motswana/Batswana).
NO_PLURAL = re.compile(r"(ese|ish|ch|ss|s|x|z|sy)$")
NO_PLURAL_WORDS = {"Motswana", "Mosotho", "Ni-Vanuatu", "I-Kiribati", "Vatican"}


def fail(message: str) -> None:
    sys.exit(f"gen-actors: {message}")


def toml_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def toml_list(key: str, items: list[str]) -> str:
    """`key = [...]` as `framescope rules fmt` writes it: on one line when it
    fits in 100 columns (counted as rules fmt counts them), else one item a
    line."""
    width = len(key) + len("  = []") + sum(len(toml_string(i).encode()) + 2 for i in items)
    if width <= 100:
        return f"{key} = [" + ", ".join(toml_string(i) for i in items) + "]"
    inner = "".join(f"  {toml_string(i)},\n" for i in items)
    return f"{key} = [\n" + inner + "]"


def fmt_key(pattern: str) -> str:
    """The order `rules fmt` sorts exclusions in: case-folded, a hyphen
    equal to a space, curly apostrophes straight."""
    return re.sub(r"[\s\-\u2010-\u2015]+", " ", pattern.replace("\u2019", "'")).casefold()


def dedup(items):
    seen, out = set(), []
    for i in items:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


def demonyms(country: dict) -> list[str]:
    eng = country.get("demonyms", {}).get("eng", {})
    forms = []
    for form in (eng.get("m"), eng.get("f")):
        if form:
            forms.extend(p.strip() for p in re.split(r",| or ", form))
    return dedup(f for f in forms if f)


def plural(demonym: str) -> str | None:
    if demonym in NO_PLURAL_WORDS or NO_PLURAL.search(demonym):
        return None
    return demonym + "s"


def state_entry(country: dict, cur: dict) -> dict:
    cca3 = RENAME.get(country["cca3"], country["cca3"])
    name = cur.get("name", country["name"]["common"])
    drop = set(cur.get("drop", []))
    generated = [
        n for n in (country["name"]["common"], country["name"]["official"]) if "(" not in n
    ]
    generated += [
        a
        for a in country.get("altSpellings", [])
        if "," not in a and "(" not in a and (ENGLISH_FORM.search(a) or ACRONYM.match(a))
    ]
    dems = [d for d in demonyms(country) if d not in drop]
    generated += dems
    # The people in the plural are ordinary people ("seven-in-ten
    # Americans"), no actor (codebook); "the Americans" facing "the
    # Israelis" are the two sides, and count. Curation may add the bare
    # plural where the codebook codes a people (Palestinians).
    generated += [f"the {p}" for p in (plural(d) for d in dems) if p]
    capitals = [c for c in country.get("capital", []) if c not in drop]
    # A capital that is also the state's name (Singapore, Kuwait) is the
    # state's name first; it is not listed twice, nor as a mere place.
    capitals = [c for c in capitals if c not in generated]
    generated += capitals
    aliases = dedup(a for a in generated + cur.get("aliases", []) if a not in drop)
    exact = dedup(
        [a for a in aliases if ACRONYM.match(a) and a not in cur.get("not-exact", [])]
        + cur.get("exact", [])
    )
    aliases = dedup(aliases + exact)
    places = dedup(capitals + cur.get("places", []))
    ambiguous = cur.get("ambiguous", [])
    for listed in exact + places + ambiguous:
        if listed not in aliases:
            fail(f"{cca3}: `{listed}` is not an alias (curation lists it but it was dropped?)")
    return {
        "id": cca3,
        "name": name,
        "aliases": aliases,
        "exact": exact,
        "places": places,
        "ambiguous": ambiguous,
        "exclude": sorted(cur.get("exclude", []), key=fmt_key),
        "note": cur.get("note"),
        "demonym": dems[0] if dems else None,
        "capitals": capitals,
        "tests": cur.get("tests", []),
    }


def us_states(cur: dict) -> dict:
    try:
        import pycountry  # noqa: PLC0415 (optional dependency of the generator)
    except ImportError:
        fail(f"pycountry is missing: python3 -m pip install pycountry=={PYCOUNTRY}")
    version = metadata.version("pycountry")
    if version != PYCOUNTRY:
        fail(f"pycountry {version} found, the registry is pinned to {PYCOUNTRY}")
    names = sorted(
        s.name for s in pycountry.subdivisions.get(country_code="US") if s.type == "State"
    )
    if len(names) != 50:
        fail(f"expected the 50 US states from pycountry, found {len(names)}")
    drop = set(cur.get("drop", []))
    kept = [n for n in names if n not in drop]
    # "the Tennessee Republican" is a legislator, not the state (codebook:
    # individual legislators and parties are no actors): `labels` in the
    # registry's [location] says so for every place, so no exclusion is
    # generated for it.
    return {
        "aliases": kept + cur.get("aliases", []),
        "places": kept,
        "exclude": sorted(set(cur.get("exclude", [])), key=fmt_key),
        "tests": cur.get("tests", []),
    }


def render_actor(e: dict) -> str:
    out = []
    if e.get("note"):
        for line in e["note"].strip().splitlines():
            out.append(f"# {line}".rstrip())
    out.append("[[actor]]")
    out.append(f"id = {toml_string(e['id'])}")
    out.append(f"name = {toml_string(e['name'])}")
    out.append(f"kind = {toml_string(e.get('kind', 'state'))}")
    if e.get("member_of"):
        out.append(f"member-of = {toml_string(e['member_of'])}")
    for key in ("aliases", "exact", "places", "ambiguous", "exclude"):
        if e.get(key):
            out.append(toml_list(key, e[key]))
    return "\n".join(out) + "\n"


def render_test(text: str, actors: list[str]) -> str:
    return f"[[test]]\ntext = {toml_string(text)}\n{toml_list('actors', sorted(actors))}\n"


def state_tests(e: dict) -> list[str]:
    """Generated must / must-not tests: the name and the demonym name the
    state; a capital after "in" is only a place."""
    # An ambiguous name counts only where the state is otherwise named: its
    # hand-written tests say so.
    tests = []
    if e["name"] not in e["ambiguous"]:
        tests.append(render_test(f"{e['name']} said on Tuesday that it would respond.", [e["id"]]))
    if e["demonym"]:
        tests.append(render_test(f"{e['demonym']} officials met on Tuesday.", [e["id"]]))
    for capital in e["capitals"]:
        if capital in e["places"] and capital in e["aliases"]:
            tests.append(render_test(f"Delegates gathered in {capital} on Tuesday.", []))
    for t in e["tests"]:
        tests.append(render_test(t["text"], t["actors"]))
    return tests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--countries",
        required=True,
        type=Path,
        help=f"countries.json of the npm package world-countries@{WORLD_COUNTRIES}",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    package = args.countries.parent / "package.json"
    if package.is_file():
        version = json.loads(package.read_text())["version"]
        if version != WORLD_COUNTRIES:
            fail(f"world-countries {version} found, the registry is pinned to {WORLD_COUNTRIES}")
    countries = json.loads(args.countries.read_text())
    curation = tomllib.loads(CURATION.read_text())
    cur_states = curation.get("state", {})

    chosen = [c for c in countries if c.get("unMember") or c["cca3"] in NON_MEMBERS]
    entries = [state_entry(c, cur_states.get(RENAME.get(c["cca3"], c["cca3"]), {})) for c in chosen]
    entries.sort(key=lambda e: e["id"])
    ids = {e["id"] for e in entries}
    unknown = set(cur_states) - ids
    if unknown:
        fail(f"curation names states that are not generated: {sorted(unknown)}")

    out = [
        "# The states of the actor registry. GENERATED by scripts/gen-actors.py:",
        "# do not edit by hand; edit scripts/states-curation.toml and rerun it.",
        "#",
        f"# Sources: world-countries {WORLD_COUNTRIES} (npm; github.com/mledoze/countries;",
        "# licence ODbL-1.0, opendatacommons.org/licenses/odbl/1.0/): ISO 3166-1 alpha-3",
        "# ids, names, official names, English alternative spellings, demonyms and",
        "# capitals of every UN member and observer state, Taiwan, Hong Kong and Kosovo",
        "# (XKX). This file is a derived database under the ODbL: it may be used and",
        "# shared under the same licence, with this attribution.",
        f"# pycountry {PYCOUNTRY} (PyPI; LGPL-2.1; ISO 3166-2:US via Debian iso-codes):",
        "# the names of the US states (actor `us-states`).",
        "# Hand curation (scripts/states-curation.toml): extra aliases, aliases left out,",
        "# exact-case and ambiguous aliases, places, exclusions, the hand-written tests.",
        "#",
        "# `places` are aliases that name a place (capitals, US states): they do not",
        "# count right after a location word (`[location]` in registry.toml): \"a",
        "# summit in Vienna\" is no actor, \"Vienna said\" is. `ambiguous` aliases count",
        "# only in an article that also names the actor otherwise (\"Georgia\" with",
        "# \"Tbilisi\" or \"Georgian\"; not the US state). Demonyms count: \"Greek",
        "# officials\" is Greece.",
        "",
    ]
    for e in entries:
        out.append(render_actor(e))
    us = us_states(curation.get("us-states", {}))
    out.append(
        render_actor(
            {
                "id": "us-states",
                "name": "US state governments",
                "kind": "body",
                "member_of": "USA",
                "note": "The fifty US states: their governments count as the United States\n"
                "(codebook); as places (\"a shooting in Texas\") they are no actor.",
                **us,
            }
        )
    )
    out.append("# ------------------------------------------------------------- tests\n")
    for e in entries:
        out.extend(state_tests(e))
    for t in us["tests"]:
        out.append(render_test(t["text"], t["actors"]))
    text = "\n".join(out)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    shown = args.output.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    print(f"wrote {shown}: {len(entries)} states + us-states")


if __name__ == "__main__":
    main()
