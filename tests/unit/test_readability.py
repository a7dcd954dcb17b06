"""Readability measures (kf.cli.readability)."""


from kf.cli.readability import body_blocks, score, sentences_of, syllables

EASY_EN = "<article><h1>Title</h1><p>Ketamine is a medicine. It can ease pain for a few hours.</p></article>"
HARD_EN = (
    "<article><p>Intravenous administration of subanaesthetic ketamine concentrations demonstrated "
    "statistically significant, though transient, amelioration of spontaneous nociceptive manifestations "
    "in heterogeneous populations characterised by centralised sensitisation phenomena.</p></article>"
)


def test_english_syllables():
    assert [syllables(w, "en") for w in ("the", "pain", "medicine", "fibromyalgia", "esketamine")] == [1, 1, 3, 6, 4]


def test_french_syllables_as_spoken():
    assert [syllables(w, "fr") for w in ("porte", "kétamine", "fibromyalgie", "réaction", "les")] == [1, 3, 5, 3, 1]


def test_easy_text_passes_and_hard_text_fails():
    assert score(EASY_EN, "en").ok
    hard = score(HARD_EN, "en")
    assert not hard.ok and hard.value > 8
    assert hard.longest[0].startswith("Intravenous")


def test_french_reading_ease():
    easy = score("<article><p>La douleur est réelle. Parlez-en à votre médecin.</p></article>", "fr")
    hard = score(
        "<article><p>L’administration intraveineuse de concentrations subanesthésiques de kétamine "
        "démontrerait une amélioration statistiquement significative quoique transitoire des manifestations "
        "nociceptives spontanées.</p></article>",
        "fr",
    )
    assert easy.ok and easy.value >= 60
    assert not hard.ok


def test_body_text_leaves_out_references_tips_and_headings():
    html = (
        '<article><h2>Heading here</h2><p>Body one. <span class="kf-term__tip">Tip text.</span></p>'
        '<section class="kf-references-section"><ol><li>Reference text.</li></ol></section>'
        "<table><tr><td>Cell</td></tr></table><ul><li>Item two.</li></ul></article>"
    )
    assert body_blocks(html) == ["Body one.", "Item two."]
    assert sentences_of("One. Two? Three!") == ["One.", "Two?", "Three!"]
