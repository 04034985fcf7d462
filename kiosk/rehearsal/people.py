"""The pretend room of a rehearsal: names, and the things people plausibly say and send."""

NAMES = (
    "Amira", "Ben", "Chloe", "Dev", "Efua", "Finn", "Grace", "Hamid", "Isla", "Jonah",
    "Kasia", "Leon", "Maya", "Nico", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
    "Uma", "Vic", "Wen", "Xavi", "Yara", "Zac", "Aoife", "Bilal", "Cerys", "Dmitri",
    "Esme", "Femi", "Gwen", "Hugo", "Ines", "Jas", "Kofi", "Lena", "Mo", "Nell",
)  # fmt: skip

POINTS = (
    "More benches and shade in the park",
    "A youth club on Friday evenings",
    "Fix the streetlights on the high street",
    "A monthly repair café",
    "Safer crossings near the school",
    "A community fridge at the library",
    "Keep the library open on Saturdays",
    "Plant trees along the main road",
    "A regular litter pick with the school",
    "Cheaper hire of the community hall",
    "A walking group for older neighbours",
    "Fewer empty shops: pop-up markets",
    "Better bus times in the evening",
    "A noticeboard in every block of flats",
    "Translate leaflets into more languages",
    "Somewhere dry for teenagers to meet",
)

REASONS = {
    "concerns": (
        "Who pays for the upkeep?",
        "I worry about noise late at night.",
        "Can we ask the school first?",
        "It needs a plan for the winter.",
    ),
    "block": (
        "This goes against our agreement on inclusivity.",
        "It would close the only step-free route.",
    ),
}

QUESTIONS = (
    "Who decides where the money goes?",
    "Can people who work here but live elsewhere vote?",
    "When will the council reply to us?",
    "How do we join a working group?",
    "Will the next assembly be on a weekend?",
    "Is there a budget for any of this?",
)

WORDS = (
    "friendly", "green", "noisy", "home", "busy", "together", "safe", "diverse",
    "tired", "hopeful", "green", "friendly", "community", "home", "parks", "together",
)  # fmt: skip
