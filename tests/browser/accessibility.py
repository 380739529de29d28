"""Checking pages as every reader meets them: axe-core's WCAG 2.2 AA and best-practice rules,
and reflow, at desktop and phone widths, in the light and the dark theme."""

from __future__ import annotations

from typing import Any

# Only violations are collected (resultTypes): the passes are not needed and cost time.
EVERY_RULE = (
    "async () => await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', "
    "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
)
# The dark theme changes colours and nothing else (static/css/site.css): in it, the rules
# that read colours are the ones whose answer can change.
COLOUR_RULES = (
    "async () => await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'rule', "
    "values: ['color-contrast', 'link-in-text-block']}})"
)
LAYOUTS = (
    (1280, "light", EVERY_RULE),
    (390, "light", EVERY_RULE),
    (1280, "dark", COLOUR_RULES),
    (390, "dark", COLOUR_RULES),
)


def accessibility_failures(page: Any, base_url: str, urls: list[str], axe_source: str) -> list[str]:
    """What fails on each page, loaded once then checked in every layout (the viewport and
    colour scheme change in place, as when a reader turns a phone or switches theme)."""
    failures = []
    for url in urls:
        page.goto(base_url + url)
        page.add_script_tag(content=axe_source)
        for width, scheme, rules in LAYOUTS:
            page.set_viewport_size({"width": width, "height": 800})
            page.emulate_media(color_scheme=scheme)
            result = page.evaluate(rules)
            where = f"{width}px {scheme} {url}"
            # Reflow (WCAG 1.4.10): nothing but labelled scroll regions scrolls sideways.
            overflow = page.evaluate("document.documentElement.scrollWidth")
            if overflow > width:
                failures.append(f"{where}: page is {overflow}px wide")
            for violation in result["violations"]:
                targets = [node["target"] for node in violation["nodes"][:3]]
                failures.append(f"{where}: {violation['id']} {violation['help']} {targets}")
    return failures
