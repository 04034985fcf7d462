"""Turn bench/load.py's JSON lines into the tables of docs/performance.md.

    python bench/report.py results.jsonl

One row per size and server (kiosk with 1 and 2 workers, the reference), each cell listing the
runs in order; then the ratios of the kiosk to the reference measured in the same turn.
"""

import json
import statistics
import sys
from collections import defaultdict

CELLS = [
    ("first vote to final tally (ms)", "tally_ms", "{:.0f}"),
    ("ack p99 (ms)", "p99_ms", "{:.0f}"),
    ("ack p50 (ms)", "p50_ms", "{:.0f}"),
    ("RSS connected (MB)", "rss_mb", "{:.0f}"),
    ("reconnect all (s)", "reconnect_s", "{:.2f}"),
    ("connect + hello (s)", "connect_s", "{:.2f}"),
    ("server CPU in burst (s)", "cpu_server", "{:.2f}"),
    ("other CPU in burst (s)", "cpu_other", "{:.2f}"),
]


def label(row: dict) -> str:
    """Name the server of a run."""
    if row["server"] == "reference":
        return "reference"
    return f"kiosk, {row['workers']} worker{'s' if row['workers'] > 1 else ''}"


def tables(rows: list[dict]) -> str:
    """Render the runs table and the ratios table."""
    runs = defaultdict(list)
    for row in rows:
        runs[(row["phones"], label(row))].append(row)
    lines = ["| phones | server | " + " | ".join(name for name, _, _ in CELLS) + " | acks failed |"]
    lines.append("|---:|---|" + "---:|" * (len(CELLS) + 1))
    for (phones, name), found in sorted(runs.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        cells = [", ".join(fmt.format(r[key]) for r in found) for _, key, fmt in CELLS]
        failed = ", ".join(str(r["failed"]) for r in found)
        lines.append(f"| {phones:,} | {name} | " + " | ".join(cells) + f" | {failed} |")
    return "\n".join(lines) + "\n\n" + ratios(rows)


def ratios(rows: list[dict]) -> str:
    """Kiosk / reference, each kiosk run against the reference run of its own turn."""
    turns = defaultdict(dict)
    for row in rows:
        turns[row["set"]][label(row)] = row
    found = defaultdict(list)
    for turn in turns.values():
        reference = turn.get("reference")
        for name, row in turn.items():
            if reference and name != "reference":
                found[(row["phones"], name)].append(
                    (
                        row["tally_ms"] / reference["tally_ms"],
                        row["p99_ms"] / reference["p99_ms"],
                        row["cpu_server"] / reference["cpu_server"],
                    )
                )
    lines = [
        "| phones | server | tally ÷ reference's | ack p99 ÷ reference's "
        "| server CPU in burst ÷ reference's | median tally ratio |"
    ]
    lines.append("|---:|---|---:|---:|---:|---:|")
    for (phones, name), found_ratios in sorted(found.items()):
        columns = [", ".join(f"{r[i]:.2f}" for r in found_ratios) for i in range(3)]
        median = statistics.median(r[0] for r in found_ratios)
        lines.append(f"| {phones:,} | {name} | " + " | ".join(columns) + f" | {median:.2f} |")
    return "\n".join(lines)


def main() -> None:
    """Read the JSON lines named on the command line and print the tables."""
    rows = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    print(tables(rows))


if __name__ == "__main__":
    main()
