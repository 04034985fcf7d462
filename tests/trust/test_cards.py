"""Mandate cards and revocations: signed compact payloads, checked offline with plain verdicts."""

import base64
import json
from dataclasses import FrozenInstanceError
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.trust import cards
from kiosk.trust.identity import key_id, public_raw

TEXT = "Delegate Ada Lovelace to the district council on housing: must support item 1."
ISSUED = 1_767_225_600  # 1 January 2026
TODAY = date(2026, 6, 1)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@pytest.fixture
def kid(key):
    """Return the key's id."""
    return key_id(public_raw(key))


@pytest.fixture
def known(key, kid):
    """Return the trust store of a kiosk that knows only this assembly."""
    return {kid: public_raw(key)}


def card(key, kid, mandate_id=7, text=TEXT, expires_on="2026-12-31", issued_at=ISSUED):
    """Sign a card for a mandate."""
    return cards.sign_card(key, kid, mandate_id, cards.digest(text), expires_on, issued_at)


def hand_made(key, fields) -> str:
    """Sign any JSON as a card body, to test what the reader accepts."""
    signed = cards.PREFIX + cards.b64url(json.dumps(fields, separators=(",", ":")).encode())
    return f"{signed}.{cards.b64url(key.sign(signed.encode()))}"


def check(payload, known, revoked=frozenset(), today=TODAY, digest_of=None):
    """Verify a payload and return the verdict."""
    return cards.verify_card(payload, known, set(revoked), today, digest_of)


def test_a_signed_card_round_trips_as_valid(key, kid, known):
    verdict = check(card(key, kid), known)
    assert verdict == cards.Verdict(
        "valid",
        "This card is genuine and its mandate is in force until 31 December 2026.",
        mandate_id=7,
        key_id=kid,
        expires_on="2026-12-31",
        issued_at=ISSUED,
    )
    assert verdict.as_dict()["status"] == "valid"
    with pytest.raises(FrozenInstanceError):
        verdict.status = "revoked"


def test_a_card_with_no_end_date_is_valid(key, kid, known):
    verdict = check(card(key, kid, expires_on=None), known)
    assert verdict.status == "valid"
    assert verdict.message == (
        "This card is genuine and its mandate is in force with no end date on the card."
    )
    assert verdict.expires_on is None


def test_a_typical_card_fits_a_small_qr(key, kid):
    payload = card(key, kid, mandate_id=123_456)
    assert len(payload) < 200
    assert payload.startswith("AK1.")
    assert set(payload[4:]) <= set(ALPHABET + ".")


def test_whitespace_around_a_pasted_code_is_ignored(key, kid, known):
    assert check(f"  {card(key, kid)}\r\n", known).status == "valid"


def test_a_changed_field_in_the_body_is_tampered(key, kid, known):
    payload = card(key, kid, mandate_id=7)
    body, signature = payload[4:].split(".")
    fields = json.loads(cards.unb64url(body))
    fields[0] = 8
    forged = "AK1." + cards.b64url(json.dumps(fields, separators=(",", ":")).encode())
    verdict = check(f"{forged}.{signature}", known)
    assert verdict.status == "tampered"
    assert verdict.message == "This card has been altered or forged: its signature does not match."


def test_one_byte_changed_in_the_signature_is_tampered(key, kid, known):
    body, signature = card(key, kid).rsplit(".", 1)
    raw = bytearray(cards.unb64url(signature))
    raw[10] ^= 0x01
    assert check(f"{body}.{cards.b64url(bytes(raw))}", known).status == "tampered"


def test_no_single_changed_character_anywhere_still_verifies(key, kid, known):
    payload = card(key, kid)
    for i, char in enumerate(payload):
        other = ALPHABET[(ALPHABET.index(char) + 1) % 64] if char in ALPHABET else "A"
        changed = payload[:i] + other + payload[i + 1 :]
        # A changed key id reads as an assembly this kiosk does not know: still never genuine.
        assert check(changed, known).status in {"tampered", "malformed", "unknown_assembly"}, i


def test_another_assemblys_card_is_unknown_assembly(key, kid, known):
    stranger = Ed25519PrivateKey.generate()
    verdict = check(card(stranger, key_id(public_raw(stranger))), known)
    assert verdict.status == "unknown_assembly"
    assert verdict.key_id == key_id(public_raw(stranger))
    assert "does not know" in verdict.message


def test_a_key_filed_under_the_wrong_id_is_not_trusted(key, kid):
    impostor = Ed25519PrivateKey.generate()
    payload = card(impostor, kid)  # claims our assembly's key id
    assert check(payload, {kid: public_raw(impostor)}).status == "unknown_assembly"
    assert check(payload, {kid: public_raw(key)}).status == "tampered"


def test_a_card_past_its_end_date_is_expired(key, kid, known):
    payload = card(key, kid, expires_on="2026-03-31")
    assert check(payload, known, today=date(2026, 3, 31)).status == "valid"
    verdict = check(payload, known, today=date(2026, 4, 1))
    assert verdict.status == "expired"
    assert verdict.message == "This card is genuine, but its mandate ended on 31 March 2026."


def test_a_revoked_mandate_is_revoked_even_when_also_expired(key, kid, known):
    payload = card(key, kid, mandate_id=7, expires_on="2026-03-31")
    assert check(payload, known, revoked={(kid, 8)}, today=date(2026, 1, 1)).status == "valid"
    verdict = check(payload, known, revoked={(kid, 7)}, today=date(2027, 1, 1))
    assert verdict.status == "revoked"
    assert "recalled" in verdict.message


def test_a_card_whose_text_differs_from_the_record_is_tampered(key, kid, known):
    payload = card(key, kid, mandate_id=7)
    held = {7: cards.digest(TEXT), 8: cards.digest("Other words")}
    assert check(payload, known, digest_of=lambda k, m: held[7]).status == "valid"
    assert check(payload, known, digest_of=lambda k, m: None).status == "valid"
    verdict = check(payload, known, digest_of=lambda k, m: held[8])
    assert verdict.status == "tampered"
    assert "text does not match" in verdict.message
    assert check(payload, known, digest_of=lambda k, m: "not hex").status == "tampered"


def test_an_unknown_assembly_is_reported_before_checking_the_signature(key, kid):
    body, _signature = card(key, kid).rsplit(".", 1)
    assert check(f"{body}.{'A' * 86}", {}).status == "unknown_assembly"


@pytest.mark.parametrize(
    ("payload", "why"),
    [
        ("", "it is empty"),
        ("   \n", "it is empty"),
        (None, "it is not text"),
        (b"AK1.abc.def", "it is not text"),
        ("A" * 100_000, "it is far too long"),
        ("AK1." + "A" * 997, "it is far too long"),
        ("https://example.org/m/ABCD", "it does not start with AK1 and a dot"),
        ("AK2.e30.e30", "it does not start with AK1 and a dot"),
        ("AK1.", "separated by a dot"),
        ("AK1.a.b.c", "separated by a dot"),
        ("AK1.!!!!.????", "its contents cannot be read"),
        ("AK1.abcde.abcd", "its contents cannot be read"),
        ("AK1." + cards.b64url(b"not json") + ".AAAA", "its contents cannot be read"),
        ("AK1." + cards.b64url(b"\xff\xfe") + ".AAAA", "its contents cannot be read"),
        ("AK1." + cards.b64url(b"[NaN,1,2,3,4]") + ".AAAA", "its contents cannot be read"),
        ("AK1." + cards.b64url(b"[" * 300 + b"]" * 300) + ".AA", "five fields"),
        ("AK1." + cards.b64url(b'{"m":7}') + ".AAAA", "five fields"),
    ],
)
def test_anything_that_is_not_a_card_is_malformed(payload, why, known):
    verdict = check(payload, known)
    assert verdict.status == "malformed"
    assert verdict.message.startswith("This is not a mandate card: ")
    assert why in verdict.message
    assert verdict.mandate_id is None and verdict.key_id is None


@pytest.mark.parametrize(
    "change",
    [
        {0: 0},
        {0: True},
        {0: "7"},
        {0: 2**53},
        {1: "ABCDEF0123456789"},
        {1: "abc"},
        {1: 12},
        {2: cards.b64url(b"short")},
        {2: 16},
        {3: "2026-02-30"},
        {3: "31/12/2026"},
        {3: 20261231},
        {4: -1},
        {4: 1.5},
    ],
)
def test_a_signed_card_with_wrong_fields_is_malformed(key, kid, known, change):
    fields = [7, kid, cards.b64url(bytes(16)), "2026-12-31", ISSUED]
    for index, value in change.items():
        fields[index] = value
    assert check(hand_made(key, fields), known).status == "malformed"


def test_a_card_signature_with_a_second_spelling_is_malformed(key, kid, known):
    body, signature = card(key, kid).rsplit(".", 1)
    last = ALPHABET.index(signature[-1])
    respelt = signature[:-1] + ALPHABET[last ^ 0b11]  # same bytes, unused low bits set
    assert base64.urlsafe_b64decode(respelt + "==") == base64.urlsafe_b64decode(signature + "==")
    assert check(f"{body}.{respelt}", known).status == "malformed"


def test_signing_refuses_fields_a_card_cannot_carry(key, kid):
    digest = cards.digest(TEXT)
    with pytest.raises(ValueError):
        cards.sign_card(key, kid, 0, digest, None, ISSUED)
    with pytest.raises(ValueError):
        cards.sign_card(key, "not-a-key-id", 7, digest, None, ISSUED)
    with pytest.raises(ValueError):
        cards.sign_card(key, kid, 7, digest, "2026-13-01", ISSUED)
    with pytest.raises(ValueError):
        cards.sign_card(key, kid, 7, "abc", None, ISSUED)


def test_digest_is_the_sha256_of_the_text():
    assert cards.digest("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_a_revocation_verifies_and_fails_when_altered(key, kid):
    signature = cards.sign_revocation(key, kid, 7, ISSUED)
    raw = public_raw(key)
    assert cards.verify_revocation(raw, kid, 7, ISSUED, signature)
    assert cards.verify_revocation(raw, kid, 7, float(ISSUED), signature)  # as SQLite REAL
    assert not cards.verify_revocation(raw, kid, 8, ISSUED, signature)
    assert not cards.verify_revocation(raw, kid, 7, ISSUED + 1, signature)
    assert not cards.verify_revocation(raw, kid, 7, ISSUED + 0.5, signature)
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    assert not cards.verify_revocation(raw, kid, 7, ISSUED, flipped)
    assert not cards.verify_revocation(raw, kid, 7, ISSUED, "not base64!")


def test_a_revocation_from_another_key_fails(key, kid):
    stranger = Ed25519PrivateKey.generate()
    other_id = key_id(public_raw(stranger))
    forged = cards.sign_revocation(stranger, other_id, 7, ISSUED)
    assert not cards.verify_revocation(public_raw(key), kid, 7, ISSUED, forged)
    assert not cards.verify_revocation(public_raw(stranger), kid, 7, ISSUED, forged)
    assert cards.verify_revocation(public_raw(stranger), other_id, 7, ISSUED, forged)
