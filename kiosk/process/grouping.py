"""Splitting a room into breakout groups: pure functions of ids, sizes and seeds, no database.

Group sizes differ by at most one (within a theme, for themed groups); a seed makes a random
split reproducible. Each group is named after an animal, with a colour for the projector.
"""

import math
import random

ANIMALS = [
    ("Otter", "#3a86ff"),
    ("Badger", "#ff6b4a"),
    ("Heron", "#2a9d6f"),
    ("Fox", "#e9a23b"),
    ("Wren", "#9b5de5"),
    ("Hare", "#f15bb5"),
    ("Owl", "#00a6a6"),
    ("Puffin", "#d64550"),
    ("Hedgehog", "#8ac926"),
    ("Kingfisher", "#1982c4"),
    ("Squirrel", "#ff924c"),
    ("Starling", "#6a4c93"),
]


def group_count(people: int, size: int) -> int:
    """Return how many groups of at most size make room for everyone."""
    return max(1, math.ceil(people / size))


def count_off(people: list[int], size: int) -> list[list[int]]:
    """Number people off 1, 2, 3... round the room: sizes differ by at most one."""
    n = group_count(len(people), size)
    return [people[i::n] for i in range(n)]


def at_random(people: list[int], size: int, seed: int | None = None) -> list[list[int]]:
    """Shuffle people (reproducibly, given a seed), then count them off."""
    shuffled = list(people)
    random.Random(seed).shuffle(shuffled)
    return count_off(shuffled, size)


def smallest(sizes: list[int]) -> int:
    """Return the index of the smallest group (the first, on a tie): where a late arrival goes."""
    return min(range(len(sizes)), key=lambda i: (sizes[i], i))


def by_theme(
    picks: dict[int, int | None], size: int, seed: int | None = None
) -> list[tuple[int | None, list[int]]]:
    """Group people within the theme each picked; those who did not pick fill the smallest."""
    themes = sorted({t for t in picks.values() if t is not None})
    groups: list[tuple[int | None, list[int]]] = []
    for theme in themes:
        members = sorted(p for p, t in picks.items() if t == theme)
        groups += [(theme, g) for g in at_random(members, size, seed)]
    unpicked = sorted(p for p, t in picks.items() if t is None)
    if not groups:
        return [(None, g) for g in at_random(unpicked, size, seed)]
    random.Random(seed).shuffle(unpicked)
    for person in unpicked:
        groups[smallest([len(g) for _, g in groups])][1].append(person)
    return groups


def name_and_colour(number: int) -> tuple[str, str]:
    """Return the animal name and colour of group number (from 1); past Starling, "Otter 2"."""
    name, colour = ANIMALS[(number - 1) % len(ANIMALS)]
    if number > len(ANIMALS):
        name = f"{name} {1 + (number - 1) // len(ANIMALS)}"
    return name, colour
