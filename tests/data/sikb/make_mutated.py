"""Writes tests/data/sikb/mutated/ from examples/1._SAD_registrationRequest_IMBROA.xml: one fault each.

Run from the repository root: ``python tests/data/sikb/make_mutated.py``. Each edit is a plain text
replacement that must match exactly once, so a changed example cannot silently give an unfaulted copy.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
SOURCE = HERE / "examples" / "1._SAD_registrationRequest_IMBROA.xml"
PROJECT_START = '<imsikb0101:Project gml:id="_daa6c99f-4eee-44c6-b78e-6b1826057114">'
PROJECT_END = "</imsikb0101:Project>"


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)


def _after(text: str, marker: str, old: str, new: str) -> str:
    """``old`` replaced at its first place after ``marker`` (which must be there once)."""
    assert text.count(marker) == 1, marker
    at = text.index(old, text.index(marker))
    return text[:at] + new + text[at + len(old):]


def _second_project(text: str) -> str:
    start = text.index(PROJECT_START)
    end = text.index(PROJECT_END, start) + len(PROJECT_END)
    copy = text[start:end].replace("_daa6c99f-4eee-44c6-b78e-6b1826057114", "_11111111-4eee-44c6-b78e-6b1826057114")
    copy = copy.replace("SIKB_PROT_2001_2002", "SIKB_TWEEDE_PROJECT")
    copy = copy.replace('gml:id="_e604d147', 'gml:id="_e704d147').replace('gml:id="_d604d147', 'gml:id="_d704d147')
    member = "</imsikb0101:featureMember>\n                    <imsikb0101:featureMember>\n"
    return text[:end] + "\n" + member + copy + text[end:]


MUTATIONS = {
    # the second layer of PB01 starts at 0.60 m, the first ends at 0.50 m
    "layer_gap.xml": lambda t: _after(t, '<imsikb0101:Layer gml:id="_cc256d2b-c8af-454e-b249-91b2a38116e1">',
                                      '"urn:immetingen:Eenheid:id:19">50<', '"urn:immetingen:Eenheid:id:19">60<'),
    # borehole PB01 renamed to 25 characters
    "name_25.xml": lambda t: _once(t, "<immetingen:name>PB01</immetingen:name>",
                                   "<immetingen:name>PB01-Achtertuin-Noordzijd</immetingen:name>"),
    # PB01's point with latitude and longitude swapped: in the Gulf of Guinea
    "outside_nl.xml": lambda t: _once(t, "52.00410874694697 4.358954632907231", "4.358954632907231 52.00410874694697"),
    # a layer's natural component 'roest' (BodemlaagBijzonderheden 11), 'Vervallen' in SIKB's table
    "withdrawn_code.xml": lambda t: _once(t, "urn:immetingen:BodemlaagBijzonderheden:id:4<",
                                          "urn:immetingen:BodemlaagBijzonderheden:id:11<"),
    "two_projects.xml": _second_project,
}


def main() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    for name, mutate in MUTATIONS.items():
        (HERE / "mutated" / name).write_text(mutate(text), encoding="utf-8")


if __name__ == "__main__":
    main()
