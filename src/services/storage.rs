//! Remembered preferences (localStorage) and the system colour scheme.

const THEME_KEY: &str = "fazhi-lens.theme";
const LANG_KEY: &str = "fazhi-lens.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        // Storage may be full or disabled (private mode): the preference is then not kept.
        let _ = s.set_item(key, value);
    }
}

#[must_use]
pub fn saved_theme() -> Option<String> {
    get(THEME_KEY)
}

pub fn save_theme(key: &str) {
    set(THEME_KEY, key);
}

#[must_use]
pub fn saved_lang() -> Option<String> {
    get(LANG_KEY)
}

pub fn save_lang(code: &str) {
    set(LANG_KEY, code);
}

/// Whether the system asks for dark colours.
#[must_use]
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}
