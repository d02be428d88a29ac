"""The dashboard's public address: one setting, read by the app and the export, printed under every chart."""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from components.words.i18n import DEFAULT_LANG, t

# The dashboard's public address, printed under every chart so that a pasted image leads back to its page. One
# setting, read by the app and the export: the environment variable, else the same key in Streamlit's secrets
# file (the user's, then the project's, as Streamlit reads them; `streamlit run` and Community Cloud also put a
# secret's top-level keys into the environment). Not set: a footer names the dashboard only.
ADDRESS_SETTING = "DASHBOARD_URL"
SECRETS_FILE = Path(".streamlit") / "secrets.toml"
ROOT = Path(__file__).resolve().parents[2]


def _secrets_files() -> list[Path]:
    return list(dict.fromkeys([Path.home() / SECRETS_FILE, Path.cwd() / SECRETS_FILE, ROOT / SECRETS_FILE]))


@functools.lru_cache(maxsize=8)
def _secret(path: Path, stamp: int) -> str:
    """The setting in one secrets file (`stamp`: its modification time, so an edit is read again)."""
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get(ADDRESS_SETTING, "")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    return value if isinstance(value, str) else ""


def address_setting() -> str:
    """The setting as given (the environment's, else the last secrets file's that has it), '' when unset."""
    value = os.environ.get(ADDRESS_SETTING, "").strip()
    if value:
        return value
    found = ""
    for path in _secrets_files():
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            continue
        found = _secret(path, stamp).strip() or found
    return found


def address_problem(value: str, lang: str = DEFAULT_LANG) -> str:
    """Why a setting is not the dashboard's address ('' when it is one): what the command line tells a curator."""
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return t("address_not_http", lang, setting=ADDRESS_SETTING, value=value)
    if parts.query or parts.fragment:
        return t("address_with_query", lang, setting=ADDRESS_SETTING, value=value)
    return ""


def dashboard_url() -> str:
    """The dashboard's public address ('https://antq.streamlit.app'), '' when unset or not an http(s) address."""
    value = address_setting()
    return value.rstrip("/") if value and not address_problem(value) else ""
