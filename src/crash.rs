//! What the page says when the program panics (in the page or in its worker), instead of
//! going dead; and the `?panic-test` switch that shows it on purpose. Pure text: the page
//! is built by `services::crash`.

/// The crash message, in both languages at once: the page cannot know which one the user
/// reads once the program is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrashText {
    pub title: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub reload: &'static str,
    pub details: &'static str,
    /// The panic's own message, cut to [`DETAIL_CHARS`].
    pub detail: String,
}

/// Show at most this many characters of the panic message.
pub const DETAIL_CHARS: usize = 400;

/// The crash message for a panic whose message is `detail`.
#[must_use]
pub fn crash_text(detail: &str) -> CrashText {
    let mut shown: String = detail.chars().take(DETAIL_CHARS).collect();
    if detail.chars().nth(DETAIL_CHARS).is_some() {
        shown.push('…');
    }
    CrashText {
        title: "出错了 · Something went wrong",
        zh: "出错了，程序已停止。请重新加载页面（已打开的报告需重新载入）。报告内容没有离开本机。",
        en: "Something went wrong and the program stopped. Please reload the page (open reports \
             will need to be loaded again). Nothing was sent anywhere.",
        reload: "重新加载 · Reload",
        details: "详情 · Details",
        detail: shown,
    }
}

/// Where `?panic-test` makes a panic happen, to check the crash message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanicTest {
    /// In the page, once it has rendered (`?panic-test` or `?panic-test=page`).
    Page,
    /// In the worker, as it is first used (`?panic-test=worker`).
    Worker,
}

/// Read the switch from a URL's query string (`location.search`, with or without `?`).
#[must_use]
pub fn panic_test(search: &str) -> Option<PanicTest> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| match pair.split_once('=') {
            None if pair == "panic-test" => Some(PanicTest::Page),
            Some(("panic-test", "" | "page")) => Some(PanicTest::Page),
            Some(("panic-test", "worker")) => Some(PanicTest::Worker),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_is_bilingual_and_bounded() {
        let t = crash_text("boom");
        assert!(t.title.contains("出错了") && t.title.contains("Something went wrong"));
        assert!(t.zh.contains("重新加载") && t.en.contains("reload"));
        assert_eq!(t.detail, "boom");
        let long = "错".repeat(DETAIL_CHARS + 5);
        let t = crash_text(&long);
        assert_eq!(t.detail.chars().count(), DETAIL_CHARS + 1);
        assert!(t.detail.ends_with('…'));
        assert_eq!(
            crash_text(&"x".repeat(DETAIL_CHARS)).detail.len(),
            DETAIL_CHARS
        );
    }

    #[test]
    fn the_switch() {
        assert_eq!(panic_test("?panic-test"), Some(PanicTest::Page));
        assert_eq!(panic_test("?a=1&panic-test=page"), Some(PanicTest::Page));
        assert_eq!(panic_test("panic-test="), Some(PanicTest::Page));
        assert_eq!(panic_test("?panic-test=worker"), Some(PanicTest::Worker));
        assert_eq!(panic_test("?panic-test=other"), None);
        assert_eq!(panic_test("?panic-tests"), None);
        assert_eq!(panic_test(""), None);
    }
}
