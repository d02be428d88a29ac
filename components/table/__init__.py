"""Step 3, tables: the tidy frame (one row per figure), the index built once per content, the child-process loader."""
