"""Citation sources: CSL-JSON and BibTeX/biblatex files read into CSL-JSON items with their lines,
the years and days they may hold, and sources entered by hand in the editor."""
