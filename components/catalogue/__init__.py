"""Step 2, the validated catalogue: the schema (pydantic), the checks beyond it, loading it with all findings."""
