"""Clause bodies to text: placeholders filled in the Jinja2 sandbox (strict, loader-less, on a
budget measured before anything runs), then inline markup parsed into spans and citation markers."""
