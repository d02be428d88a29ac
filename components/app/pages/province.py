"""Province page: a province's own figures as cited cards, its places compared with their peers and inside their
whole, the figures of its places over time, and its groups."""

from components.app import render

render.choice_page("province")
