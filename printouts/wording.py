"""Words that paper shares with the screens and the record that prepare it, with nothing to
draw: whatever names a stage, a stance or a role loads no ReportLab."""

from kiosk.words import N_

STAGES = {
    "temperature": N_("Temperature check"),
    "amendment": N_("Amendment"),
    "consent": N_("Consent round"),
    "final": N_("Final vote"),
    "runoff": N_("Run-off"),
}

# The meeting's roles: the record keeps each role's key and its English name; paper and screens
# say it in their language.
ROLES = {
    "facilitator": N_("Facilitator"),
    "co_facilitator": N_("Co-facilitator"),
    "note_taker": N_("Note-taker"),
    "greeter": N_("Greeter"),
    "stack_keeper": N_("Stack-keeper"),
    "timekeeper": N_("Timekeeper"),
    "vibes_watcher": N_("Vibes-watcher"),
}

# What a letter to the council asks of it: (heading, paragraph) for each stance.
STANCES = {
    "input": (
        N_("The assembly inputs into council policy"),
        N_(
            "The assembly puts this decision to the council as input into its policy. It is the "
            "considered view of the residents who came, reached in the open by the rule set out "
            "above. We ask the council to take it into account, to tell us in writing what it "
            "decides, and to say why if it decides otherwise."
        ),
    ),
    "parallel": (
        N_("The assembly sits as a parallel council"),
        N_(
            "The assembly sits as a parallel council of delegates for this area, alongside "
            "the elected council. Its decisions are made in public by residents, under rules "
            "anyone can check; its delegates carry precise mandates and can be recalled. We ask "
            "the council to adopt this decision as its own, or to explain in public, at a "
            "meeting our delegates can attend, why it will not."
        ),
    ),
    "delegates": (
        N_("The assembly's delegates are the council"),
        N_(
            "On this matter the assembly's delegates are the council. They hold a precise "
            "mandate from the assembly, can be recalled by it, and report back to it. This "
            "letter records the decision they are mandated to carry out, so that officers can "
            "act on it and anyone can check it against the assembly's signed minutes."
        ),
    ),
}
