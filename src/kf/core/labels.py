"""Interface strings of our own templates and hooks, in every language of the site.

Material's own strings come from its language files (theme.language per build); these
are the ones it does not have. Add a language here when you add it to mkdocs.yml.
"""

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "permalink": "Lien permanent vers cette section",
        "fallback_title": "Page pas encore traduite",
        "fallback_notice": (
            "Cette page n’existe pas encore en français. "
            "Elle est affichée ci-dessous dans sa version {source_name}."
        ),
        "notfound_title": "Page introuvable",
        "notfound_text": (
            "Nous ne trouvons pas cette page. Elle a peut-être été déplacée, "
            "ou l’adresse contient une faute de frappe."
        ),
        "notfound_home": "Aller à la page d’accueil",
        "notfound_search": "Rechercher sur le site",
        "notfound_search_button": "Rechercher",
        "search_placeholder": "Rechercher",
        # The search dialog's result line (overrides/assets/javascripts/kf-search.js).
        "search_start": "Taper pour démarrer la recherche",
        "search_none": "Aucun document trouvé",
        "search_one": "1 document trouvé",
        "search_other": "# documents trouvés",
        # The glossary page: each French term is followed by its English one.
        "glossary_other": "en anglais\u00a0: {term}",
        "glossary_see_also": "Voir aussi\u00a0: ",
        "glossary_letters": "Aller à une lettre",
        "edit_page": "Modifier cette page sur GitHub",
        "report_problem": "Signaler un problème",
        "review_label": "Relecture de cette page",
        "stale_title": "Traduction à mettre à jour",
        "stale_notice": (
            "La version {language} de cette page a été modifiée depuis sa traduction. "
            "Cette page-ci sera bientôt mise à jour."
        ),
        "review_last": "Dernière relecture\u00a0:",
        "review_next": "Prochaine relecture prévue\u00a0:",
        "review_by": "Relue par\u00a0:",
        "review_disclaimer": (
            "Ces informations ne remplacent pas l’avis de votre médecin. "
            "Ne commencez, n’arrêtez ni ne modifiez un traitement sans lui en parler."
        ),
    },
    "en": {
        "permalink": "Permanent link to this section",
        "fallback_title": "Page not translated yet",
        "fallback_notice": (
            "This page does not exist in English yet. "
            "It is shown below in its {source_name} version."
        ),
        "notfound_title": "Page not found",
        "notfound_text": (
            "We cannot find this page. It may have moved, or the address may contain a typo."
        ),
        "notfound_home": "Go to the home page",
        "notfound_search": "Search the site",
        "notfound_search_button": "Search",
        "search_placeholder": "Search",
        "search_start": "Type to start searching",
        "search_none": "No matching documents",
        "search_one": "1 matching document",
        "search_other": "# matching documents",
        "glossary_other": "in French: {term}",
        "glossary_see_also": "See also: ",
        "glossary_letters": "Go to a letter",
        "edit_page": "Edit this page on GitHub",
        "report_problem": "Report a problem",
        "review_label": "Review of this page",
        "stale_title": "Translation being updated",
        "stale_notice": (
            "The {language} version of this page has changed since it was translated. "
            "This page will be updated soon."
        ),
        "review_last": "Last reviewed:",
        "review_next": "Next review due:",
        "review_by": "Reviewed by:",
        "review_disclaimer": (
            "This information does not replace your doctor’s advice. "
            "Do not start, stop or change a treatment without talking to them."
        ),
    },
}

#: Name of each language as written in each language: LANGUAGE_NAMES[reader][other].
LANGUAGE_NAMES = {
    "fr": {"fr": "française", "en": "anglaise"},
    "en": {"fr": "French", "en": "English"},
}
