"""Element classes and builders for the WordprocessingML python-docx does not model.

Only the proxies in `drafter.word` use this package; nothing outside it sees XML. Importing it
registers drafter's element classes with python-docx's parser.
"""

from drafter.word.oxml.fields import defuse_fields
from drafter.word.oxml.inline import (
    add_bookmark_end,
    add_bookmark_start,
    add_field,
    add_hyperlink,
    iter_bookmarks,
    new_run,
    set_complex_script_format,
)
from drafter.word.oxml.notes import (
    CT_Note,
    CT_Notes,
    add_note_ref_mark,
    add_note_reference,
    new_notes_xml,
)
from drafter.word.oxml.numbering import (
    ListDefinitions,
    new_numbering_xml,
    set_style_numbering,
    set_style_outline_level,
)
from drafter.word.oxml.properties import CT_CustomProperties, new_custom_properties_xml
from drafter.word.oxml.read import (
    bookmark_end_ids,
    bookmark_texts,
    field_instructions,
    hyperlink_ids,
    note_reference_ids,
    text_of,
)
from drafter.word.oxml.settings import (
    clear_body,
    discard,
    keep_first_section,
    new_settings_xml,
    set_note_properties,
    set_section_note_format,
    stop_tracking_changes,
)

__all__ = [
    "CT_CustomProperties",
    "CT_Note",
    "CT_Notes",
    "ListDefinitions",
    "add_bookmark_end",
    "add_bookmark_start",
    "add_field",
    "add_hyperlink",
    "add_note_ref_mark",
    "add_note_reference",
    "bookmark_end_ids",
    "bookmark_texts",
    "clear_body",
    "defuse_fields",
    "discard",
    "field_instructions",
    "hyperlink_ids",
    "iter_bookmarks",
    "keep_first_section",
    "new_custom_properties_xml",
    "new_notes_xml",
    "new_numbering_xml",
    "new_run",
    "new_settings_xml",
    "note_reference_ids",
    "set_complex_script_format",
    "set_note_properties",
    "set_section_note_format",
    "set_style_numbering",
    "set_style_outline_level",
    "stop_tracking_changes",
    "text_of",
]
