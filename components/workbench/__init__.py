"""Beside the flow, for curators: numbers found in an article's text, drafting figures, tracing them back."""
