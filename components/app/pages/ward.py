"""Ward / commune page: its figures as cited cards, per resident where that means something, inside the figures
of the places above it, its status and successor."""

from components.app import render

render.place_page("ward")
