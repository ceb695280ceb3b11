"""The editor's widgets: each shows what the app hands it (attributes down) and posts a past-tense message declared on itself when the user asks for a change (messages up)."""
