"""Step 5b, the Streamlit app: page registry, state, widgets, a page view laid out; pages/ holds the st.Page scripts."""

import os

# Arrow's own allocator (mimalloc) keeps the memory it frees for its own reuse: the frame's text columns as they
# are made, and every table Streamlit sends. The system's allocator gives it back (with malloc_trim after a load,
# components.table.loading.prepare): at 100,000 figures the server holds about 40 MB less after every page. Arrow
# reads this when it is first imported, which in the app is after this package (state.py sets the pool too).
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
