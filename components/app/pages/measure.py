"""Page by measure: pick a metric, see every place that reports it, compared where the rules of honest comparison
allow, on the map and in the table."""

from components.app import render

render.choice_page("measure")
