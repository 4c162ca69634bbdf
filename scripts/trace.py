"""Write docs/trace/<rule set>.md from docs/trace/<rule set>.yaml, the rule set and the tests.

Usage: python scripts/trace.py [SEEDS_DIR]   (default ../shared/seeds beside the repository)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier.criteria import load_ruleset  # noqa: E402
from verifier.criteria.trace import attach_tests, index_tests, load_map, render, resolve  # noqa: E402


def main() -> None:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
    tests = index_tests(ROOT / "tests")
    for path in sorted((ROOT / "docs" / "trace").glob("*.yaml")):
        trace = load_map(path)
        rows = resolve(trace, (seeds / trace.seed).read_text(encoding="utf-8"))
        attach_tests(rows, tests)
        path.with_suffix(".md").write_text(render(load_ruleset(trace.ruleset), trace, rows), encoding="utf-8")
        print(f"wrote {path.with_suffix('.md').relative_to(ROOT)} ({len(rows)} sentences)")


if __name__ == "__main__":
    main()
