"""Output formats: choosing a format from a name, writing a built document atomically as DOCX
(through the Word layer), Markdown or plain text."""
