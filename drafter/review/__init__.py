"""The review round trip: matching the edits and comments in returned DOCX files to the draft's
items and notes, turning reviewers' text into draft text, and the report and merged files a review
writes."""
