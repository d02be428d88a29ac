"""Step 4, what pages show: shared rows in a language, the page views as data, and the pure chart builders."""
