"""Step 1, YAML: reading a file safely, with its limits, duplicate keys and the file:line:column of any field."""
