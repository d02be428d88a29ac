"""Entry point and page router: `streamlit run dashboard.py` (catalogue: $METRICS_FILE or metrics.yaml)."""

import streamlit as st

from components.app import id_in_address, screen, state
from components.app.a11y import inject_screen_css, set_page_language
from components.app.navigation import PAGES
from components.app.print_css import inject_print_css
from components.views import page_views, registry
from components.words.fmt import md_text
from components.words.i18n import t

lang = state.language_switch()
st.set_page_config(page_title=t("app_title", lang), page_icon=":material/shield:", layout="wide")
inject_print_css()
inject_screen_css()
with st.sidebar:
    set_page_language(lang)
loaded = state.loaded()

if loaded.index is None:
    st.title(t("catalogue_broken_title", lang))
    st.error(t("catalogue_broken_lede", lang, file=md_text(loaded.path.name)))
    for finding in loaded.findings:
        show = st.error if finding.is_error else st.warning
        show(md_text(finding.as_text(lang)))
    st.caption(t("catalogue_broken_hint", lang))
    st.stop()

pages = [st.Page(spec.file, title=t(spec.title_key, lang), icon=spec.icon, url_path=spec.url_path,
                 default=spec.default) for spec in PAGES]
page = st.navigation(pages)
st.set_page_config(page_title=state.tab_title(page.title, lang))
# after st.navigation: the rerun the probe asks for runs the page the browser was told of, and until the
# navigation reaches the browser that is the default page (a slow first run, a cold server, then showed the
# overview to a reader who had opened a province)
with st.sidebar:
    screen.measure_charts()
page.run()
# a page of one place or one measure names it in the tab too, once the page has chosen it
spec = registry.BY_PATH.get(page.url_path)
chosen = (page_views.choice_label(loaded.index, spec, id_in_address.chosen(spec.url_path), lang)
          if spec and spec.choices else None)
if chosen:
    st.set_page_config(page_title=state.tab_title(page.title, lang, chosen))
