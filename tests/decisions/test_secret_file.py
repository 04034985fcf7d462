"""A closed secret ballot leaves nothing in the file that links a ballot to a voter.

People cast in a random order this test knows (24 of them, then a hall of 300), through the same
domain calls the phones reach, on a real database file in WAL mode. Once the rounds close, the
test reads the file, its write-ahead log and its shared-memory index as raw bytes and page by
page, and looks for that order: in the bytes of the ballots, in the records on every B-tree
page, in every table's rowid order, and in times stamped while a round was open.
"""

import itertools
import json
import random
import sqlite3

import pytest
from sqlite_file import raw_bytes, records_by_page

from kiosk.db import connect, init_db
from kiosk.decisions import rounds
from kiosk.meeting import meetings

TREES = ["Ash", "Birch", "Cedar", "Damson", "Elder", "Fir"]
CONSENT = ["agree", "concerns", "stand_aside", "block"]
ENOUGH = 16  # voters seen together before their order can tell anything (|tau| > 0.8 by chance:
# about 1 in 10 million)
PAGE = 4096


def rankings(options: list[str]) -> list[list[str]]:
    """Return every ranking of two or more options, of different lengths, as phones send them.

    Each voter gets one of their own, so the test can find each ballot's bytes; the different
    lengths leave leftovers where a shorter one is written over a longer one's place. (A list
    of one option is how a winner is written, and all options in order are the round's own.)
    """
    return [
        list(r)
        for n in range(2, len(options) + 1)
        for r in itertools.permutations(options, n)
        if list(r) != options
    ]


def kendall_tau(order: list[int]) -> float:
    """Return how closely a sequence follows 0, 1, 2, … (1 in order, -1 reversed, ~0 unrelated)."""
    pairs = list(itertools.combinations(order, 2))
    return sum(1 if a < b else -1 for a, b in pairs) / len(pairs)


def follows(sequence: list[int], cast: list[int]) -> bool:
    """Say whether a sequence of voters (in some stored order) gives away the cast order."""
    position = {voter: i for i, voter in enumerate(cast)}
    seen = list(dict.fromkeys(v for v in sequence if v in position))
    if len(seen) < ENOUGH:
        return False  # too few to say anything either way
    return abs(kendall_tau([position[v] for v in seen])) > 0.8


def contains_run(sequence: list, run: list) -> bool:
    """Say whether run appears in sequence as consecutive items."""
    return any(sequence[i : i + len(run)] == run for i in range(len(sequence) - len(run) + 1))


def occurrences(data: bytes, needle: bytes) -> list[int]:
    """Return every offset at which needle occurs in data."""
    found, at = [], data.find(needle)
    while at != -1:
        found.append(at)
        at = data.find(needle, at + 1)
    return found


@pytest.fixture
def hall(tmp_path):
    """A kiosk database file in WAL mode and its running meeting."""
    path = tmp_path / "kiosk.db"
    init_db(str(path))
    db = connect(str(path))
    yield tmp_path, db, meetings.current_meeting(db)
    db.conn.close()


def cast_in_random_order(db, rnd, people, choose) -> tuple[list[int], dict]:
    """Let everyone vote in a fresh random order; return the voters' ids in it and their choices."""
    order = list(people)
    random.SystemRandom().shuffle(order)
    picked = {}
    for i, person in enumerate(order):
        picked[person["id"]] = choose(i)
        rounds.cast_vote(db, person, rnd["id"], picked[person["id"]])
    return [p["id"] for p in order], picked


@pytest.mark.parametrize("voters, trees", [(24, 4), (300, 6)])
def test_closed_secret_ballots_leave_no_order_in_the_file(hall, voters, trees):
    folder, db, meeting = hall
    people = [meetings.check_in(db, meeting, f"Voter {i}", True, False) for i in range(voters)]
    options = TREES[:trees]
    ranked = rounds.open_round(
        db, meeting, "Which tree?", stage="runoff", kind="ranked", visibility="secret",
        options=options,
    )  # fmt: skip
    ballots = random.SystemRandom().sample(rankings(options), voters)
    ranked_cast, ranked_picks = cast_in_random_order(db, ranked, people, lambda i: ballots[i])
    ranked = rounds.close_round(db, ranked["id"])
    consent = rounds.open_round(db, meeting, "Plant it.", visibility="secret")
    chance = random.SystemRandom()
    consent_cast, consent_picks = cast_in_random_order(
        db, consent, people, lambda i: chance.choice(CONSENT)
    )
    consent = rounds.close_round(db, consent["id"])
    assert sum(json.loads(consent["record"])["phone"].values()) == voters
    assert f"from {voters} ballots" in ranked["explanation"]

    data = raw_bytes(folder)
    casts = {ranked["id"]: ranked_cast, consent["id"]: consent_cast}
    sql = "SELECT id, choice FROM ballots WHERE round_id = ?"
    ids = {row["id"]: row["choice"] for row in db.query(sql, [ranked["id"]])}
    by_choice = {json.dumps(pick): voter for voter, pick in ranked_picks.items()}
    voter_of = {ballot: by_choice[choice] for ballot, choice in ids.items()}  # a ballot's id
    leaks = ranked_bytes(data, ranked_cast, ranked_picks)
    leaks += consent_words(data, [consent_picks[v] for v in consent_cast])
    for page in records_by_page(folder):
        page = [[voter_of.get(v, v) for v in record] for record in page]
        leaks += order_leaks(page, "a page's records, in the order of their bytes,", casts)
    for table, rows in rowid_ordered_tables(db):
        rows = [[voter_of.get(v, v) for v in row] for row in rows]
        leaks += order_leaks(rows, f"{table}'s rowids", casts)
    for rnd in (ranked, consent):
        leaks += stamped_while_open(db, rnd, voters)
    assert not leaks, "\n".join(dict.fromkeys(leaks))


def ranked_bytes(data: bytes, cast: list[int], picks: dict) -> list[str]:
    """Look for each ranked ballot's bytes: once each, and not in the order of casting."""
    leaks, where = [], {}
    for voter in cast:
        found = occurrences(data, json.dumps(picks[voter]).encode())
        if len(found) != 1:
            leaks.append(f"a ranked ballot is in the file {len(found)} times")
        if found:
            where[voter] = found[0]
    by_page = itertools.groupby(sorted(where, key=where.get), key=lambda v: where[v] // PAGE)
    for _page, voters in by_page:
        if follows(list(voters), cast):
            leaks.append("ranked ballots lie in a page in the order they were cast")
    return leaks


def consent_words(data: bytes, sequence: list[str]) -> list[str]:
    """Look for the consent choices' words, in the order of the bytes, in the order of casting."""
    words = [w for _, w in sorted((at, w) for w in CONSENT for at in occurrences(data, w.encode()))]
    for run in (sequence[:ENOUGH], sequence[-ENOUGH:]):
        if contains_run(words, run) or contains_run(words, run[::-1]):
            return ["the consent ballots' words lie in the file in the order they were cast"]
    return []


def order_leaks(records: list[list], where: str, casts: dict[int, list[int]]) -> list[str]:
    """Find a column whose voters, among records of one round, follow that round's cast order."""
    leaks = []
    width = max((len(r) for r in records), default=0)
    for round_id, cast in casts.items():
        for k in range(width):
            column = [r[k] for r in records if len(r) > k and round_id in r[:k] + r[k + 1 :]]
            if follows(column, cast):
                leaks.append(f"{where} column {k}: round {round_id}'s voters in cast order")
    return leaks


def rowid_ordered_tables(db):
    """Yield (table name, its rows in rowid order) for every table that has rowids."""
    for name in db.table_names():
        try:
            rows = db.execute(f'SELECT rowid, * FROM "{name}" ORDER BY rowid').fetchall()
        except sqlite3.OperationalError:
            continue  # WITHOUT ROWID: ordered by its key, which no voter's timing chooses
        yield name, [list(row) for row in rows]


def stamped_while_open(db, rnd: dict, voters: int) -> list[str]:
    """Find columns holding a time per voter from while the round was open."""
    leaks = []
    for name in db.table_names():
        for column in db[name].columns:
            col = f'"{column.name}"'
            sql = f'SELECT COUNT(*) FROM "{name}" WHERE typeof({col}) = ? AND {col} BETWEEN ? AND ?'
            n = db.execute(sql, ["real", rnd["opened_at"], rnd["closed_at"]]).fetchone()[0]
            if n >= voters // 2:
                leaks.append(f"{name}.{column.name} holds {n} times from while a round was open")
    return leaks


def test_one_ballot_per_person_still_holds_and_the_log_is_cut(hall):
    folder, db, meeting = hall
    people = [meetings.check_in(db, meeting, f"Voter {i}", True, False) for i in range(10)]
    rnd = rounds.open_round(db, meeting, "Plant it.", visibility="secret")
    for person in people[:5]:
        rounds.cast_vote(db, person, rnd["id"], "agree")
    with pytest.raises(Exception, match="already voted"):
        rounds.cast_vote(db, people[0], rnd["id"], "block")
    closed = rounds.close_round(db, rnd["id"])
    assert json.loads(closed["record"])["phone"] == {"agree": 5}
    assert rounds.my_vote(db, rnd["id"], people[0]["id"]) == {"secret": True}
    assert rounds.my_vote(db, rnd["id"], people[9]["id"]) is None
    assert (folder / "kiosk.db-wal").stat().st_size == 0  # folded into the file, then cut
    assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0  # rebuilt: no freed pages
