"""Reports: drift scores, the JSON schema, and the table, CSV and HTML writers."""
