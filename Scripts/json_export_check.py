#!/usr/bin/env python3
"""Checks a `bered export --format json` document against the store it came from and against
its published JSON Schema, with readers that share nothing with bered: Python's tomllib for
the store's files and the jsonschema package (draft 2020-12) for the schema.

- schema: every error jsonschema finds (the schema forbids unknown fields, so a field the
  exporter writes and the schema does not describe is an error too).
- store: every value of every file in the store — bered.toml, each application's
  application.toml, reviews, comments, conflicts, proposal, request, decision, repayments,
  follow-ups, kept versions and history.jsonl — must be in the export at the place that
  mirrors the file, and an empty value in a file (`""`, `[]`) must be left out. A table of a
  list matches an entry of the export's list holding all of its values. The few places where
  the export is shaped otherwise than the file are spelt out in `expected()`.
- empty: any empty text, list or object in the export (only `applications` may be empty).
- strict: for each kind of object in the export, a copy with one unknown field added must fail
  the schema; names each kind of object the schema would let an unknown field through.

Usage: json_export_check.py STORE EXPORT.json SCHEMA.json
Prints one line per problem and a count of what was checked; exit status 1 when there is a problem.
"""
import copy
import datetime
import hashlib
import json
import pathlib
import sys
import tomllib

import jsonschema

# Keys every per-application file repeats and the export says by where it puts the record:
# `schema` is the file format's version, `application` the folder's id.
FILE_KEYS = {"schema", "application"}


def value(v):
    """A TOML value as the export writes it: days and moments (in UTC) as text."""
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc)
        return v.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [value(x) for x in v]
    return v


def is_empty(v):
    return v == "" or v == [] or v == {}


def same_leaf(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b


def contained(want, have, path, problems):
    """Every value of `want` (a file's table) is in `have` (the export) at the same place."""
    if isinstance(want, dict):
        if not isinstance(have, dict):
            problems.append(f"{path}: expected an object")
            return 0
        checked = 0
        for key, v in want.items():
            if is_empty(v):
                if key in have:
                    problems.append(f"{path}.{key}: empty in the file, but written")
                checked += 1
                continue
            if key not in have:
                problems.append(f"{path}.{key}: missing (the file says {json.dumps(v, ensure_ascii=False)[:80]})")
                continue
            checked += contained(v, have[key], f"{path}.{key}", problems)
        return checked
    if isinstance(want, list):
        if not isinstance(have, list):
            problems.append(f"{path}: expected a list")
            return 0
        if want and all(isinstance(x, dict) for x in want):
            checked = 0
            for index, table in enumerate(want):
                best = None
                for candidate in have:
                    found = []
                    n = contained(table, candidate, f"{path}[{index}]", found)
                    if not found:
                        best = (n, [])
                        break
                    if best is None or len(found) < len(best[1]):
                        best = (n, found)
                if best is None:
                    problems.append(f"{path}[{index}]: no entry in the export")
                else:
                    problems.extend(best[1])
                    checked += best[0]
            return checked
        kept = [x for x in want if not is_empty(x)]
        if len(kept) != len(have) or not all(same_leaf(a, b) for a, b in zip(kept, have)):
            problems.append(f"{path}: {kept!r} in the file, {have!r} in the export")
        return len(want)
    if not same_leaf(want, have):
        problems.append(f"{path}: {want!r} in the file, {have!r} in the export")
    return 1


def read_toml(path):
    with open(path, "rb") as f:
        return value(tomllib.load(f))


def without_file_keys(table):
    return {k: v for k, v in table.items() if k not in FILE_KEYS}


def expected_config(config, youth):
    """bered.toml as the export shapes it: scale labels as one entry per point, youth-panel
    members without their names (collected in `youth`, so they can be looked for)."""
    config = dict(config)
    config.pop("schema", None)
    scale = dict(config.get("scale", {}))
    sv, en = scale.pop("labels_sv", []), scale.pop("labels_en", [])
    if sv:
        low = scale.get("min", 1)
        scale["labels"] = [{"points": low + i, "sv": s, **({"en": en[i]} if i < len(en) else {})} for i, s in enumerate(sv)]
    if scale:
        config["scale"] = scale
    members = []
    for member in config.get("members", []):
        member = dict(member)
        if member.get("role") == "youth_panel" and "name" in member:
            youth.append(member.pop("name"))
        members.append(member)
    if members:
        config["members"] = members
    return config


def expected_review(review):
    """A review's `[scores.<criterion>]` tables as the export's list of scores."""
    review = without_file_keys(review)
    scores = []
    for criterion, entry in review.pop("scores", {}).items():
        score = {"criterion": criterion, "comment": entry.get("comment", "")}
        if entry.get("score") == "cannot_judge":
            score["cannot_judge"] = True
        elif "score" in entry:
            score["score"] = entry["score"]
            score["cannot_judge"] = False
        scores.append(score)
    if scores:
        review["scores"] = scores
    return review


def check_store(store, export):
    """The store's files against the export: (problems, values checked, files read)."""
    problems, checked, files = [], 0, 0
    youth = []
    config = expected_config(read_toml(store / "bered.toml"), youth)
    checked += contained(config, export.get("config", {}), "config", problems)
    files += 1
    text = json.dumps(export, ensure_ascii=False)
    for name in youth:
        if name in text:
            problems.append(f"the youth-panel member {name!r} is named in the export")
    applications = {a.get("id"): a for a in export.get("applications", [])}
    for folder in sorted(p for p in store.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != "exports"):
        if not (folder / "application.toml").exists():
            continue
        mine = applications.get(folder.name)
        if mine is None:
            if folder.name not in export.get("broken", []):
                problems.append(f"{folder.name}: neither in applications nor in broken")
            continue
        def one(path, table, where):
            nonlocal checked, files
            files += 1
            checked += contained(table, where, f"{folder.name}/{path}", problems)

        # A file that does not count, or cannot be read, is named instead of exported.
        uncounted = {u.get("file") for u in mine.get("uncounted", [])}
        named = {p.get("file") for p in mine.get("problems", [])}

        def readable(sub, path):
            nonlocal files
            if path.name in uncounted:
                files += 1
                return None
            try:
                return read_toml(path)
            except tomllib.TOMLDecodeError:
                files += 1
                if f"{folder.name}/{sub}/{path.name}" not in named:
                    problems.append(f"{folder.name}/{sub}/{path.name}: unreadable, and not among the application's problems")
                return None
        one("application.toml", without_file_keys(read_toml(folder / "application.toml")), mine)
        single = {"proposal.toml": "proposal", "request.toml": "steering_request", "decision.toml": "decision", "repayments.toml": "repayments"}
        for file, key in single.items():
            if (folder / file).exists():
                one(file, without_file_keys(read_toml(folder / file)), mine.get(key, {}))
        many = {"reviews": ("reviews", expected_review), "comments": ("youth_comments", without_file_keys),
                "conflicts": ("conflicts", without_file_keys), "followups": ("follow_ups", without_file_keys)}
        for sub, (key, shape) in many.items():
            for path in sorted((folder / sub).glob("*.toml")) if (folder / sub).is_dir() else []:
                table = readable(sub, path)
                if table is not None:
                    one(f"{sub}/{path.name}", [shape(table)], mine.get(key, []))
        for path in sorted((folder / "versions").glob("*.toml")) if (folder / "versions").is_dir() else []:
            version = {"version": path.stem, **without_file_keys(read_toml(path))}
            one(f"versions/{path.name}", [version], mine.get("earlier_versions", []))
        history = folder / "history.jsonl"
        if history.exists():
            lines = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines() if line.strip()]
            one("history.jsonl", lines, mine.get("history", []))
        for letter in ("letter.md", "letter.html"):
            if (folder / letter).exists():
                files += 1
                digest = hashlib.sha256((folder / letter).read_bytes()).hexdigest()
                kept = {f.get("file"): f.get("sha256") for f in mine.get("letter", {}).get("files", [])}
                checked += 1
                if kept.get(letter) != digest:
                    problems.append(f"{folder.name}/{letter}: sha256 {digest} is not the export's {kept.get(letter)}")
    return problems, checked, files


def check_empty(export):
    problems = []

    def walk(v, path):
        if is_empty(v) and path != "$.applications":
            problems.append(f"{path}: empty")
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, f"{path}.{k}")
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, f"{path}[{i}]")

    walk(export, "$")
    return problems


def check_schema(export, schema):
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in validator.iter_errors(export)]


def check_strict(export, schema):
    """(kinds of object the schema lets an unknown field into, kinds tried). One object of each
    kind (its path with list positions left out) gets a field no version of bered writes."""
    validator = jsonschema.Draft202012Validator(schema)
    kinds = {}

    def walk(v, path, kind):
        if isinstance(v, dict):
            kinds.setdefault(kind, path)
            for k, x in v.items():
                # The keys of these objects are data (criterion ids, years), not fields.
                inner = kind + ".*" if kind.endswith((".notes", ".price_index")) else f"{kind}.{k}"
                walk(x, path + [k], inner)
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, path + [i], kind + "[]")

    walk(export, [], "$")
    lenient = []
    for kind, path in sorted(kinds.items()):
        if kind.endswith((".notes", ".price_index")):
            continue
        changed = copy.deepcopy(export)
        target = changed
        for step in path:
            target = target[step]
        target["zz_not_in_the_schema"] = "x"
        if validator.is_valid(changed):
            lenient.append(kind)
    return lenient, len(kinds)


def main(argv):
    if len(argv) != 4:
        print(__doc__)
        return 2
    store, export_path, schema_path = pathlib.Path(argv[1]), argv[2], argv[3]
    export = json.loads(pathlib.Path(export_path).read_text(encoding="utf-8"))
    schema = json.loads(pathlib.Path(schema_path).read_text(encoding="utf-8"))
    problems = [f"schema: {p}" for p in check_schema(export, schema)]
    found, checked, files = check_store(store, export)
    problems += [f"store: {p}" for p in found]
    problems += [f"empty: {p}" for p in check_empty(export)]
    lenient, kinds = check_strict(export, schema)
    problems += [f"strict: the schema lets an unknown field into {k}" for k in lenient]
    for problem in problems:
        print(problem)
    print(f"checked {checked} values in {files} files, {kinds} kinds of object; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
