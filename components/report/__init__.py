"""Step 5a, the export: every page's charts as images and an index.html report."""
