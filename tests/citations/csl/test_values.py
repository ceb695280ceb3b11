"""What the rendering elements read off a cite: locator labels and variable conditions."""

from __future__ import annotations

from csl.rendering import cited, item


def test_the_label_article_is_read_as_the_article_locator_not_the_type_term() -> None:
    layout = (
        '<group delimiter=" "><label variable="locator" form="short"/>'
        '<text variable="locator"/></group>'
        '<choose><if locator="article-locator"><text value=" (article)"/></if></choose>'
    )
    assert cited(layout, item(), locator="3", label="article") == "art. 3 (article)"
