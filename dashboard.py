"""Entry point and page router: `streamlit run dashboard.py` (catalogue: $METRICS_FILE or metrics.yaml)."""

import streamlit as st

from components.fmt import md_text
from components.i18n import t
from components.ui import state
from components.ui.pages import PAGES
from components.ui.print_css import inject_print_css

lang = state.language_switch()
st.set_page_config(page_title=t("app_title", lang), page_icon=":material/shield:", layout="wide")
inject_print_css()
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
st.navigation(pages).run()
