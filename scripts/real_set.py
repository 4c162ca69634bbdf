"""The real evaluation set (bench/realset/realset.json): rebuild its folder from fetched repository snapshots.

    python scripts/real_set.py assemble MIRROR_DIR OUT_DIR   # MIRROR_DIR holds <owner>+<name>/repo git dirs
    python scripts/real_set.py repos                         # the repositories to fetch first
    verifier eval OUT_DIR --json EVAL.json                   # then score it
    python scripts/real_set.py summary EVAL.json             # right, wrong, empty per field against the targets

Only items whose repository snapshot is present and whose bytes match the manifest's sha256 are written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.evaluation.metrics import DocumentScores
from verifier.evaluation.realset import MANIFEST, assemble, load_manifest, summary_markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("assemble", help="write the folder verifier eval reads")
    build.add_argument("mirror", type=Path)
    build.add_argument("out", type=Path)
    commands.add_parser("repos", help="list the repositories the set comes from")
    summary = commands.add_parser("summary", help="the figures of a `verifier eval --json` file of the set")
    summary.add_argument("eval_json", type=Path)
    args = parser.parse_args(argv)
    if args.command == "summary":
        documents = json.loads(args.eval_json.read_text(encoding="utf-8"))["documents"]
        print(summary_markdown(DocumentScores.model_validate(documents)), end="")
        return 0
    manifest = load_manifest(args.manifest)
    if args.command == "repos":
        for repo, count in sorted(Counter(item.repo for item in manifest.items).items()):
            print(f"{repo}\t{count}")
        return 0
    result = assemble(manifest, args.mirror, args.out)
    print(f"{result.written} of {len(manifest.items)} documents written to {args.out}")
    for repo in result.missing_repos:
        print(f"not fetched: {repo}", file=sys.stderr)
    if result.bad_files:
        print(f"absent or changed: items {result.bad_files}", file=sys.stderr)
    return 0 if result.written else 1


if __name__ == "__main__":
    raise SystemExit(main())
