"""From a resolved draft to checked blocks: assembling clauses into a template's sections, laying
them out with lead words and headings, rendering them on the document's budget, and the checks
every document kind shares."""
