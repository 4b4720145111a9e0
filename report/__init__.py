"""The PDF summary of a session. Only this package imports reportlab; it takes a
`Session` and writes a file, and knows nothing of Qt or the database."""
