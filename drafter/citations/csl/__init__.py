"""drafter's CSL processor: styles and locales parsed by citeproc-py, evaluated here.

citeproc-py reads the style XML into its element classes and merges the locales; each element
class is subclassed here (and registered in a parser lookup of drafter's own, so other users of
citeproc-py in the process are not affected) with an `evaluate` that follows the CSL 1.0.2
specification: positions with note numbers, disambiguation, cite grouping and collapsing, names,
dates, numbers and page ranges, text case, quotes and flip-flopped formatting. Output is a `Rich`
tree, written out as Spans (for drafter's documents) or as HTML (for the CSL test suite).
"""
