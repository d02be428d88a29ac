"""Step 5b, the Streamlit app: page registry, state, widgets, a page view laid out; pages/ holds the st.Page scripts."""
