"""Ward / commune page: its figures as cited cards, per resident where that means something, inside the figures
of the places above it, over time, its status and successor."""

from components.app import render

render.choice_page("ward")
