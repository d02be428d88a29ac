"""Words under every step: interface messages per language (locales/), numbers and dates (babel), inert text."""
