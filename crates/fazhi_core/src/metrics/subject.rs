//! The subject of a stated quantity: what it counts, as a verbatim phrase next to it.
//!
//! Reports say either `查出问题隐患663项` (subject before the number) or `对34家企业开展检查`
//! (subject after it). The phrase after the number is taken when it starts like a noun
//! phrase (`34家企业`, `30人以上的镇级救援队伍`); otherwise the clause before the number is
//! used, with time expressions, enumerators (`一是`), fillers (`共` `累计`) and the verbs that
//! introduce the object (`开展` `办理` `出具` …) trimmed off. Durations and percentages always
//! describe what comes before them (`办理时限压缩至2个工作日`, `覆盖率100%`).
//!
//! The word lists are data: extend them rather than adding special cases.

use std::cell::OnceCell;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

use super::number::is_arabic_digit;
use super::subject_words::{
    ADVERBS, AFTER_CUT, AFTER_STOP, DUI_PREV, DUI_WORDS, LEAD_VERBS, LEAD_WORDS, NOT_SUBJECT,
    NOUN_STARTS, PARTICIPATE, PROTECTED, RATE_ENDS, STREAK, STREAK_OF_NOTHING, TRAIL_WORDS, VERBS,
};
use super::units::UnitKind;
use crate::text::WordSet;
use crate::Span;

/// Characters that end a subject phrase.
const DELIMITERS: &[char] = &[
    '。', '；', ';', '，', ',', '、', '：', ':', '！', '!', '？', '?', '\n', '\r', '\t', ' ',
    '\u{3000}', '\u{a0}', '(', '（', ')', '）', '【', '】', '[', ']', '…',
];

/// Longest subject taken from before / after the number, in chars.
const MAX_BEFORE: usize = 30;
const MAX_AFTER: usize = 14;
/// A bracket pair this short (`镇街(区)`, `村(居)`) is kept inside a subject.
const SHORT_PAREN: usize = 6;

/// Enumerators and time expressions at the start of a clause: `一是`, `2024年`, `今年以来`,
/// `1-12月`, `截至目前`.
pub static LEAD_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\A(?:[一二三四五六七八九十]+(?:是|要)|首先|其次|另一方面|一方面",
        r"|(?:截至|截止到|截止|到)?(?:(?:19|20)[0-9]{2}年度?|今年|本年度|本年|全年|年内|上半年|下半年|当年|去年",
        r"|[0-9]{1,2}(?:[-—~至][0-9]{1,2})?月份?)+(?:以来|期间|底|末|中|初)?",
        r"|截至目前|截止目前|目前|以来)",
    ))
    .expect("LEAD_TIME is a valid pattern")
});

/// The characters a [`LEAD_TIME`] match can start with: the regex runs only on a clause
/// that starts with one of them (most clauses do not).
const LEAD_TIME_FIRST: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '首', '其', '另', '截', '到', '今',
    '本', '全', '年', '上', '下', '当', '去', '目', '以', '0', '1', '2', '3', '4', '5', '6', '7',
    '8', '9',
];

/// A DFA over `words` (a fixed table of a few hundred short words at most).
fn dfa(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(words)
        .expect("a word table builds an automaton")
}

/// [`VERBS`] in one automaton: the last verb in a phrase is found in one pass.
static VERB_AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| dfa(VERBS));

/// [`AFTER_CUT`] in one automaton: the first cut in a phrase is found in one pass.
static AFTER_CUT_AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| dfa(AFTER_CUT));

/// A time anchor at the end of a clause (`自作出决定之日起`, `自受理之日起`): the subject of a
/// time limit is what comes before it.
pub static TRAIL_ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:自|从)[^自从]{0,20}(?:之日|后)?起\z").expect("TRAIL_ANCHOR is a valid pattern")
});

fn is_delimiter(c: char) -> bool {
    DELIMITERS.contains(&c)
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// Whether `c` can start a noun phrase (a CJK ideograph or an opening quote).
fn starts_phrase(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || matches!(c, '“' | '「' | '‘' | '《')
        || c.is_ascii_uppercase()
}

/// Quotation and title marks: a phrase never ends inside a pair (`开展“双随机、一公开”抽查`).
const QUOTE_PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('「', '」'),
    ('『', '』'),
    ('《', '》'),
];

/// Longest quotation jumped over as one piece, in chars.
const MAX_QUOTE: usize = 40;

/// How many chars of a gap [`clause_start`] and [`phrase_end`] read: their longest walk
/// (MAX_BEFORE or MAX_AFTER) plus two of their longest jumps, with room to spare.
const WINDOW: usize = MAX_BEFORE + MAX_AFTER + 2 * MAX_QUOTE + 2 * SHORT_PAREN + 8;

/// The chars of a gap, decoded one by one as a walk asks for them and kept for its jumps
/// back, at most [`WINDOW`] of them: [`clause_start`] reads from the end of its gap back,
/// [`phrase_end`] from the start on. Most walks stop after a few chars, so decoding the whole
/// window up front (as a `Vec`, once per figure and reading) cost more than the walk.
struct Lazy<I> {
    chars: I,
    seen: [char; WINDOW],
    len: usize,
}

impl<I: Iterator<Item = char>> Lazy<I> {
    fn new(chars: I) -> Self {
        Self {
            chars,
            seen: ['\0'; WINDOW],
            len: 0,
        }
    }

    /// The `k`-th char (from 0), or `None` past the gap or the window.
    fn get(&mut self, k: usize) -> Option<char> {
        while self.len <= k {
            let c = self.chars.next()?;
            *self.seen.get_mut(self.len)? = c;
            self.len += 1;
        }
        self.seen.get(k).copied()
    }

    /// The first char from position `from` through `to` for which `hit` holds, with its
    /// position; `None` when the gap or the window ends first.
    fn find(
        &mut self,
        from: usize,
        to: usize,
        hit: impl Fn(char) -> bool,
    ) -> Option<(usize, char)> {
        (from..=to)
            .map_while(|k| Some((k, self.get(k)?)))
            .find(|&(_, c)| hit(c))
    }

    /// The length in bytes of the first `k` chars read.
    fn bytes(&self, k: usize) -> usize {
        self.seen
            .get(..k.min(self.len))
            .map_or(0, |s| s.iter().copied().map(char::len_utf8).sum())
    }
}

/// Start of the clause that ends at `end`, scanning back no further than `lo`.
fn clause_start(text: &str, lo: usize, end: usize) -> usize {
    let Some(before) = text.get(lo..end) else {
        return end;
    };
    // The walk moves back at most MAX_BEFORE chars plus one jump, and looks back at most
    // one more jump: only that tail of a long gap is ever read. `k` counts the chars taken
    // from the end; the char taken next is `back.get(k)`, the one taken last `k - 1`.
    let mut back = Lazy::new(before.chars().rev());
    let mut k = 0;
    let mut taken = 0;
    while taken < MAX_BEFORE {
        let Some(c) = back.get(k) else {
            break;
        };
        if let Some(&(open, _)) = QUOTE_PAIRS.iter().find(|(_, close)| *close == c) {
            // Jump over the whole quotation, digits and commas inside it included.
            // Its opening quote, unless a line break comes first.
            let start = back
                .find(k + 1, k + MAX_QUOTE + 1, |o| o == open || o == '\n')
                .filter(|&(_, o)| o == open);
            if let Some((m, _)) = start {
                taken += m + 1 - k;
                k = m + 1;
                continue;
            }
        }
        if is_close(c) {
            // Keep a short bracket group (`街道(园区)`), stop at anything longer.
            let open = back.find(k + 1, k + SHORT_PAREN + 1, |o| {
                is_open(o) || is_delimiter(o) && !is_close(o)
            });
            match open {
                Some((m, o)) if is_open(o) => {
                    taken += m + 1 - k;
                    k = m + 1;
                    continue;
                }
                _ => break,
            }
        }
        if is_delimiter(c) {
            break;
        }
        if is_arabic_digit(c) {
            // Digits of a date or time (`2024年`, `1-12月`) belong to the clause, where they
            // are trimmed as a time expression; other digits end it.
            let next = k.checked_sub(1).and_then(|p| back.get(p));
            if !next.is_some_and(|n| "年月日号".contains(n) || matches!(n, '-' | '—' | '~' | '至'))
                && !(next.is_some_and(is_arabic_digit))
            {
                break;
            }
        }
        k += 1;
        taken += 1;
    }
    end - back.bytes(k)
}

/// End of the phrase that starts at `start`, scanning forward no further than `hi`.
fn phrase_end(text: &str, start: usize, hi: usize) -> usize {
    let Some(after) = text.get(start..hi) else {
        return start;
    };
    // As in `clause_start`: the walk never reads past the first WINDOW chars.
    let mut ahead = Lazy::new(after.chars());
    let mut i = 0;
    while i < MAX_AFTER {
        let Some(c) = ahead.get(i) else {
            break;
        };
        if let Some(&(_, close)) = QUOTE_PAIRS.iter().find(|(open, _)| *open == c) {
            let end = ahead
                .find(i + 1, i + MAX_QUOTE + 1, |x| x == close || x == '\n')
                .filter(|&(_, x)| x == close);
            if let Some((j, _)) = end {
                i = j + 1;
                continue;
            }
        }
        if is_open(c) && i > 0 {
            let close = ahead.find(i + 1, i + SHORT_PAREN + 1, |x| {
                is_close(x) || is_delimiter(x) && !is_open(x)
            });
            match close {
                Some((j, x)) if is_close(x) => {
                    i = j + 1;
                    continue;
                }
                _ => break,
            }
        }
        if is_delimiter(c) || is_arabic_digit(c) {
            break;
        }
        i += 1;
    }
    match ahead.get(i) {
        Some(_) => start + ahead.bytes(i),
        None => hi.min(text.len()),
    }
}

/// Strip fillers from both ends of `[s, e)` until nothing changes.
fn strip(text: &str, mut s: usize, mut e: usize, lead: bool, trail: bool) -> (usize, usize) {
    loop {
        let Some(cur) = text.get(s..e) else {
            return (s, s);
        };
        let before = (s, e);
        let trimmed = cur.trim_start();
        s += cur.len() - trimmed.len();
        let cur = trimmed.trim_end();
        e = s + cur.len();
        if lead {
            if let Some(m) = cur
                .starts_with(LEAD_TIME_FIRST)
                .then(|| LEAD_TIME.find(cur))
                .flatten()
            {
                if !m.is_empty() {
                    s += m.end();
                    continue;
                }
            }
            if let Some(w) = longest_prefix(cur, &LEAD_WORDS_SET).or_else(|| {
                longest_prefix(cur, &LEAD_VERBS_SET).filter(|w| cur[w.len()..].chars().count() >= 2)
            }) {
                s += w.len();
                continue;
            }
        }
        if lead {
            if let Some(r) = cur.strip_prefix('对') {
                if r.chars().next().is_some_and(|c| !DUI_WORDS.contains(c)) {
                    s += '对'.len_utf8();
                    continue;
                }
            }
        }
        if trail {
            if let Some(m) = cur
                .ends_with('起')
                .then(|| TRAIL_ANCHOR.find(cur))
                .flatten()
            {
                if m.start() > 0 {
                    e = s + m.start();
                    continue;
                }
            }
            if let Some(w) =
                longest_suffix(cur, &TRAIL_WORDS_SET).filter(|w| !protected_ending(cur, w))
            {
                e -= w.len();
                continue;
            }
        }
        if (s, e) == before {
            return (s, e);
        }
    }
}

/// Whether stripping the one-character filler `w` from the end of `cur` would break a word.
fn protected_ending(cur: &str, w: &str) -> bool {
    w.chars().count() == 1 && PROTECTED.iter().any(|p| cur.ends_with(p))
}

fn longest_prefix(s: &str, words: &WordSet) -> Option<&'static str> {
    words
        .starting(s)
        .filter(|w| s.len() > w.len())
        .max_by_key(|w| w.len())
}

fn longest_suffix(s: &str, words: &WordSet) -> Option<&'static str> {
    words.ending(s).max_by_key(|w| w.len())
}

/// The word tables that are asked "which start / end this?" several times per figure.
static LEAD_WORDS_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[LEAD_WORDS]));
static LEAD_VERBS_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[LEAD_VERBS]));
static TRAIL_WORDS_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[TRAIL_WORDS]));
static VERBS_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[VERBS]));
static ADVERBS_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[ADVERBS]));
static NOUN_STARTS_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[NOUN_STARTS]));
static AFTER_STOP_OR_VERB: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[AFTER_STOP, VERBS]));

fn char_len(text: &str, s: usize, e: usize) -> usize {
    text.get(s..e).map_or(0, |t| t.chars().count())
}

/// The subject before the number: the clause ending at `end`, cleaned.
fn before(text: &str, lo: usize, end: usize) -> Option<Span> {
    let start = clause_start(text, lo, end);
    let (s, e) = strip(text, start, end, true, true);
    before_stripped(text, s, e)
}

/// [`before`] from the clause already stripped to `[s, e)`.
fn before_stripped(text: &str, mut s: usize, e: usize) -> Option<Span> {
    // Start after the last introducing verb that leaves at least two characters.
    let phrase = text.get(s..e)?;
    let cut = VERB_AUTOMATON
        .find_overlapping_iter(phrase)
        .map(|m| m.end())
        .filter(|&i| char_len(text, s + i, e) >= 2)
        .max();
    if let Some(i) = cut {
        s += i;
    }
    let (s, e) = strip(text, s, e, true, true);
    let phrase = text.get(s..e)?;
    (phrase.chars().count() >= 2 && !VERBS.contains(&phrase) && !NOT_SUBJECT.contains(&phrase))
        .then_some(Span::new(s, e))
}

/// Whether `phrase` is only adverbs of manner and a verb (`成功举办`, `超额完成`).
fn adverbs_and_verb(phrase: &str) -> bool {
    let Some(verb) = VERBS_SET.ending(phrase).max_by_key(|v| v.len()) else {
        return false;
    };
    let mut rest = &phrase[..phrase.len() - verb.len()];
    while let Some(a) = longest_prefix_or_all(rest, &ADVERBS_SET) {
        rest = &rest[a.len()..];
    }
    rest.is_empty()
}

/// The longest word of `words` that starts `s` (possibly all of it).
fn longest_prefix_or_all(s: &str, words: &WordSet) -> Option<&'static str> {
    words.starting(s).max_by_key(|w| w.len())
}

/// The clause before a number and its stripped reading, each worked out once however many
/// of [`find`]'s readings ask for them (the subject before the number, the bracket, the
/// previous clause, the raw clause all start from the same clause).
struct ClauseBefore<'t> {
    text: &'t str,
    lo: usize,
    start: usize,
    clause: OnceCell<usize>,
    stripped: OnceCell<(usize, usize)>,
    named: OnceCell<Option<Span>>,
}

impl<'t> ClauseBefore<'t> {
    fn new(text: &'t str, lo: usize, start: usize) -> Self {
        Self {
            text,
            lo,
            start,
            clause: OnceCell::new(),
            stripped: OnceCell::new(),
            named: OnceCell::new(),
        }
    }

    /// `clause_start(text, lo, start)`.
    fn clause(&self) -> usize {
        *self
            .clause
            .get_or_init(|| clause_start(self.text, self.lo, self.start))
    }

    /// `strip(text, clause, start, true, true)`.
    fn stripped(&self) -> (usize, usize) {
        *self
            .stripped
            .get_or_init(|| strip(self.text, self.clause(), self.start, true, true))
    }

    /// [`before`]`(text, lo, start)`, unless what it finds is only adverbs and a verb:
    /// `大讲堂…已成功举办38期` names the thing in an earlier clause, `超额完成294天的目标任务`
    /// after the number.
    fn named(&self) -> Option<Span> {
        *self.named.get_or_init(|| {
            let (s, e) = self.stripped();
            before_stripped(self.text, s, e).filter(|s| !adverbs_and_verb(s.slice(self.text)))
        })
    }
}

/// A figure in brackets right after what it counts (`党内法规(45部)`, `刑事立案数(同比下降
/// 13.4%)`): the phrase before the opening bracket, when nothing inside names a thing.
fn before_bracket(cb: &ClauseBefore) -> Option<Span> {
    let (text, lo, start) = (cb.text, cb.lo, cb.start);
    let clause = cb.clause();
    let inside = text.get(clause..start)?;
    let (s, e) = cb.stripped();
    if s < e && !adverbs_and_verb(text.get(s..e)?) {
        return None;
    }
    let open = text.get(lo..clause)?.chars().next_back()?;
    if !is_open(open) || inside.contains(is_close) {
        return None;
    }
    before(text, lo, clause - open.len_utf8())
}

/// A figure that opens its clause and a verb after it (`9次召开厅党委中心组学习会`): the
/// object of the verb.
fn after_verb(text: &str, end: usize, hi: usize) -> Option<Span> {
    let rest = text.get(end..hi)?;
    let verb = VERBS_SET.starting(rest).max_by_key(|v| v.len())?;
    after(text, end + verb.len(), hi)
}

/// `3类12项考评任务`: a figure followed at once by another one counts what follows both.
fn after_next_figure(text: &str, end: usize) -> Option<Span> {
    let rest = text.get(end..)?;
    let digits: usize = rest
        .chars()
        .take_while(|&c| is_arabic_digit(c) || c == '.')
        .map(char::len_utf8)
        .sum();
    if digits == 0 {
        return None;
    }
    let unit = super::units::match_unit(rest.get(digits..)?)?;
    let from = end + digits + unit.written.len();
    // At most a phrase's length ahead, on a char boundary.
    let hi = crate::text::clamp(text, Span::new(from, from + MAX_AFTER * 4)).end;
    after(text, from, hi)
}

/// `连续9年没有发生较大事故`, `火灾起数连续3年下降`: a streak of something not happening is
/// named after the number; otherwise what runs the streak is named before `连续`, else after.
fn streak(text: &str, lo: usize, start: usize, end: usize, hi: usize) -> Option<Span> {
    let head = text.get(lo..start)?.trim_end();
    let word = STREAK.iter().find(|w| head.ends_with(**w))?;
    let at = lo + head.len() - word.len();
    let e = phrase_end(text, end, hi);
    let (s, e) = strip(text, end, e, false, true);
    let following = (char_len(text, s, e) >= 2).then_some(Span::new(s, e));
    let negated = following.is_some_and(|f| {
        let f = f.slice(text);
        STREAK_OF_NOTHING.iter().any(|w| f.starts_with(w))
    });
    if negated {
        return following;
    }
    before(text, lo, at).or(following)
}

/// The raw clause before the number with only white space and trailing fillers removed
/// (used when cleaning leaves nothing, e.g. `投入20万元`).
fn before_raw(cb: &ClauseBefore) -> Option<Span> {
    let text = cb.text;
    let (s, e) = strip(text, cb.clause(), cb.start, false, true);
    let phrase = text.get(s..e)?;
    (char_len(text, s, e) >= 2 && !NOT_SUBJECT.contains(&phrase)).then_some(Span::new(s, e))
}

/// `将7项涉及群众切身利益的事项纳入…`: what follows the number opens with a verb, and the
/// thing counted is the noun after its `的`.
fn after_de(text: &str, start: usize, hi: usize) -> Option<Span> {
    let e = phrase_end(text, start, hi);
    let phrase = text.get(start..e)?;
    let (i, _) = phrase
        .char_indices()
        .take(MAX_AFTER)
        .find(|&(_, c)| c == '的')?;
    after(text, start + i + '的'.len_utf8(), hi)
}

/// Where `对` opens a new clause inside `phrase` (`镇街(区)对预案进行编修`), not counting
/// words such as `针对`, `应对`, `对象`.
fn dui_cut(phrase: &str) -> Option<usize> {
    phrase.match_indices('对').map(|(i, _)| i).find(|&i| {
        let prev = phrase[..i].chars().next_back();
        let next = phrase[i + '对'.len_utf8()..].chars().next();
        i > 0
            && !prev.is_some_and(|c| DUI_PREV.contains(c))
            && next.is_some_and(|c| !DUI_WORDS.contains(c))
    })
}

/// The subject after the number, if the text there reads like a noun phrase.
fn after(text: &str, start: usize, hi: usize) -> Option<Span> {
    let mut s = start;
    let rest = text.get(s..hi)?;
    if let Some(r) = rest.strip_prefix('的') {
        s += '的'.len_utf8();
        if r.starts_with('的') {
            return None;
        }
    }
    let e = phrase_end(text, s, hi);
    let phrase = text.get(s..e)?;
    let first = phrase.chars().next()?;
    if !starts_phrase(first)
        || (NOUN_STARTS_SET.starting(phrase).next().is_none()
            && AFTER_STOP_OR_VERB.starting(phrase).next().is_some())
    {
        return None;
    }
    let cut = AFTER_CUT_AUTOMATON
        .find_overlapping_iter(phrase)
        .filter(|m| {
            let de = AFTER_CUT.get(m.pattern().as_usize()) == Some(&"的");
            m.start() > 0 && !(de && phrase[m.start()..].starts_with("的确"))
        })
        .map(|m| m.start())
        .chain(dui_cut(phrase))
        .min()
        .unwrap_or(phrase.len());
    let (s, e) = strip(text, s, s + cut, false, true);
    (char_len(text, s, e) >= 2).then_some(Span::new(s, e))
}

/// Find the subject of the quantity whose text (with any leading approximation marker)
/// runs from `start` to `end`; `lo`/`hi` bound the search (the previous and next quantity,
/// the body). `kind` is the unit's kind.
#[must_use]
pub fn find(
    text: &str,
    lo: usize,
    start: usize,
    end: usize,
    hi: usize,
    kind: UnitKind,
) -> Option<Span> {
    let describes_before = matches!(kind, UnitKind::Percent | UnitKind::Duration);
    let clause_before = ClauseBefore::new(text, lo, start);
    if kind == UnitKind::Duration {
        if let Some(span) = streak(text, lo, start, end, hi) {
            return Some(span);
        }
    }
    // `对辖区内80%以上的高风险企业实现在线监测`: a share followed by `的` counts what
    // follows, unless a rate stands before it (`覆盖率达到100%的目标`).
    if kind == UnitKind::Percent && text.get(end..).is_some_and(|r| r.starts_with('的')) {
        let rate_before = clause_before.named().is_some_and(|b| {
            let b = b.slice(text);
            RATE_ENDS.iter().any(|w| b.ends_with(w))
        });
        if !rate_before {
            if let Some(span) = after(text, end, hi) {
                return Some(span);
            }
        }
    }
    if !describes_before {
        if let Some(span) = after(text, end, hi) {
            return Some(span);
        }
    }
    clause_before
        .named()
        .or_else(|| before_bracket(&clause_before))
        .or_else(|| {
            let verb = PARTICIPATE
                .iter()
                .find(|v| text.get(end..).is_some_and(|r| r.starts_with(*v)))?;
            after(text, end + verb.len(), hi)
        })
        // `实现90%的事项网上办理`: nothing before but a verb, the subject follows.
        .or_else(|| {
            if describes_before {
                after(text, end, hi)
            } else {
                None
            }
        })
        .or_else(|| previous_clause(&clause_before))
        .or_else(|| after_next_figure(text, end))
        .or_else(|| before_raw(&clause_before))
        .or_else(|| after(text, end, hi))
        .or_else(|| after_de(text, end, hi))
        .or_else(|| after_verb(text, end, hi))
}

/// `组织开展知识竞赛活动,发动3000余人…`: the clause before the number is a bare verb and
/// nothing after it names a thing, so the number counts what the clause before names. Only
/// a comma joins the two clauses; a full stop or semicolon starts another matter.
fn previous_clause(cb: &ClauseBefore) -> Option<Span> {
    let (text, lo) = (cb.text, cb.lo);
    let clause = cb.clause();
    let (s, e) = cb.stripped();
    let phrase = text.get(s..e)?;
    if !VERBS.contains(&phrase) && !adverbs_and_verb(phrase) {
        return None;
    }
    let head = text.get(lo..clause)?;
    let comma = head
        .chars()
        .next_back()
        .filter(|c| matches!(c, ',' | '，'))?;
    let prev_end = clause - comma.len_utf8();
    before(text, lo, prev_end)
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&LEAD_TIME);
    LazyLock::force(&VERB_AUTOMATON);
    LazyLock::force(&AFTER_CUT_AUTOMATON);
    LazyLock::force(&TRAIL_ANCHOR);
    LazyLock::force(&LEAD_WORDS_SET);
    LazyLock::force(&LEAD_VERBS_SET);
    LazyLock::force(&TRAIL_WORDS_SET);
    LazyLock::force(&VERBS_SET);
    LazyLock::force(&ADVERBS_SET);
    LazyLock::force(&NOUN_STARTS_SET);
    LazyLock::force(&AFTER_STOP_OR_VERB);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`clause_start`] as it was written first: the window's chars decoded up front.
    fn clause_start_by_window(text: &str, lo: usize, end: usize) -> usize {
        let Some(before) = text.get(lo..end) else {
            return end;
        };
        let mut chars: Vec<(usize, char)> = before.char_indices().rev().take(WINDOW).collect();
        chars.reverse();
        let mut i = chars.len();
        let mut taken = 0;
        while i > 0 && taken < MAX_BEFORE {
            let (_, c) = chars[i - 1];
            if let Some(&(open, _)) = QUOTE_PAIRS.iter().find(|(_, close)| *close == c) {
                let from = i.saturating_sub(MAX_QUOTE + 2);
                let start = (from..i - 1)
                    .rev()
                    .take_while(|&j| chars[j].1 != '\n')
                    .find(|&j| chars[j].1 == open);
                if let Some(j) = start {
                    taken += i - j;
                    i = j;
                    continue;
                }
            }
            if is_close(c) {
                let from = i.saturating_sub(SHORT_PAREN + 2);
                let open = (from..i - 1).rev().find(|&j| {
                    is_open(chars[j].1) || is_delimiter(chars[j].1) && !is_close(chars[j].1)
                });
                match open {
                    Some(j) if is_open(chars[j].1) => {
                        taken += i - j;
                        i = j;
                        continue;
                    }
                    _ => break,
                }
            }
            if is_delimiter(c) {
                break;
            }
            if is_arabic_digit(c) {
                let next = chars.get(i).map(|&(_, n)| n);
                if !next
                    .is_some_and(|n| "年月日号".contains(n) || matches!(n, '-' | '—' | '~' | '至'))
                    && !(next.is_some_and(is_arabic_digit))
                {
                    break;
                }
            }
            i -= 1;
            taken += 1;
        }
        chars.get(i).map_or(end, |&(b, _)| lo + b)
    }

    /// [`phrase_end`] as it was written first: the window's chars decoded up front.
    fn phrase_end_by_window(text: &str, start: usize, hi: usize) -> usize {
        let Some(after) = text.get(start..hi) else {
            return start;
        };
        let chars: Vec<(usize, char)> = after.char_indices().take(WINDOW).collect();
        let mut i = 0;
        while i < chars.len() && i < MAX_AFTER {
            let (_, c) = chars[i];
            if let Some(&(_, close)) = QUOTE_PAIRS.iter().find(|(open, _)| *open == c) {
                let to = (i + MAX_QUOTE + 2).min(chars.len());
                let end = (i + 1..to)
                    .take_while(|&j| chars[j].1 != '\n')
                    .find(|&j| chars[j].1 == close);
                if let Some(j) = end {
                    i = j + 1;
                    continue;
                }
            }
            if is_open(c) && i > 0 {
                let to = (i + SHORT_PAREN + 2).min(chars.len());
                let close = (i + 1..to).find(|&j| {
                    is_close(chars[j].1) || is_delimiter(chars[j].1) && !is_open(chars[j].1)
                });
                match close {
                    Some(j) if is_close(chars[j].1) => {
                        i = j + 1;
                        continue;
                    }
                    _ => break,
                }
            }
            if is_delimiter(c) || is_arabic_digit(c) {
                break;
            }
            i += 1;
        }
        chars.get(i).map_or(hi.min(text.len()), |&(b, _)| start + b)
    }

    /// Gaps of quotations, brackets, digits and delimiters, long and short, for the walks.
    const WALK_CASES: &[&str] = &[
        "“双随机、一公开”抽查2024年“四个100%”(园区)街道（区）",
        "开展《中华人民共和国行政处罚法（2021年修订）》宣传活动",
        "“未闭合的引号一直延续下去没有结束的标记而且非常非常非常非常非常非常非常非常非常长的一段文字",
        "镇街(区)对预案进行编修(这是一个很长的括号内容)1-12月20日（一）",
        "2024年1月\n“换行”‘单引号’「角括号」『双角』《书名》)）(（",
        "",
    ];

    /// The lazy walks end where the walks over a window decoded up front end, for every end
    /// (or start) in the sample texts and several floors (or ceilings) around it.
    #[test]
    fn lazy_walks_agree_with_window_walks() {
        let texts = [
            include_str!("../../../../www/demo/demo-report.txt"),
            include_str!("../../../fazhi_eval/tests/heldout/b1_lanchuan.txt"),
        ];
        // Quotations and brackets of every length around the longest a walk jumps over.
        let pairs: Vec<String> = (0..MAX_QUOTE + 3)
            .flat_map(|n| {
                let inside = "字".repeat(n);
                [
                    format!("前“{inside}”后"),
                    format!("前({inside})后"),
                    format!("甲前（{inside}，）后"),
                ]
            })
            .collect();
        let cases = WALK_CASES
            .iter()
            .copied()
            .chain(pairs.iter().map(String::as_str));
        for text in texts.iter().copied().chain(cases) {
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                for span in [0, 3, 10, 40, 120, 400, 1200] {
                    let lo = crate::text::floor_char_boundary(text, at.saturating_sub(span));
                    assert_eq!(
                        clause_start(text, lo, at),
                        clause_start_by_window(text, lo, at),
                        "clause_start {lo}..{at}"
                    );
                    let hi = crate::text::floor_char_boundary(text, at + span);
                    assert_eq!(
                        phrase_end(text, at, hi),
                        phrase_end_by_window(text, at, hi),
                        "phrase_end {at}..{hi}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lazy_walks_agree_on_any_gap(
            text in "[“”‘’「」『』《》()（）0-9年月日号至~—\\-，。、 \n字词甲乙]{0,200}",
            a in 0usize..800,
            b in 0usize..800,
        ) {
            let (x, y) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
            let lo = crate::text::floor_char_boundary(&text, x);
            let at = crate::text::floor_char_boundary(&text, y);
            proptest::prop_assert_eq!(
                clause_start(&text, lo, at),
                clause_start_by_window(&text, lo, at)
            );
            proptest::prop_assert_eq!(
                phrase_end(&text, lo, at),
                phrase_end_by_window(&text, lo, at)
            );
        }
    }

    fn subject_of(text: &str, quantity: &str, kind: UnitKind) -> String {
        let start = text.find(quantity).unwrap();
        let end = start + quantity.len();
        find(text, 0, start, end, text.len(), kind)
            .map(|s| s.slice(text).to_owned())
            .unwrap_or_default()
    }

    #[test]
    fn adverbs_and_verb_table() {
        for (phrase, want) in [
            ("成功举办", true),
            ("超额完成", true),
            ("牵头完成", true),
            ("先后召开", true),
            ("召开", true),
            ("党组会议", false),
            ("行政执法人员", false),
            ("完成率", false),
        ] {
            assert_eq!(adverbs_and_verb(phrase), want, "{phrase}");
        }
    }

    #[test]
    fn lead_time_table() {
        let table = [
            ("一是加强", Some("一是")),
            ("2024年共办理", Some("2024年")),
            ("今年以来我局", Some("今年以来")),
            ("今年1-12月共开具", Some("今年1-12月")),
            ("截至2023年12月以来", Some("截至2023年12月以来")),
            ("截至目前", Some("截至目前")),
            ("行政许可", None),
        ];
        for (s, want) in table {
            let got = LEAD_TIME
                .find(s)
                .map(|m| m.as_str())
                .filter(|m| !m.is_empty());
            assert_eq!(got, want, "{s}");
        }
        // The first-character gate admits every start the pattern can match: each
        // alternative's first character, tried alone and with a tail.
        for first in [
            "一是",
            "十要",
            "首先",
            "其次",
            "另一方面",
            "截至2024年",
            "截止到今年",
            "到2025年",
            "2024年",
            "1998年",
            "今年",
            "本年度",
            "全年",
            "年内",
            "上半年",
            "下半年",
            "当年",
            "去年",
            "3月",
            "12-12月",
            "目前",
            "以来",
        ] {
            assert!(
                LEAD_TIME.find(first).is_some_and(|m| !m.is_empty()),
                "{first}"
            );
            assert!(first.starts_with(LEAD_TIME_FIRST), "{first}");
        }
        for not in ["行政许可", "共办理", "全部", "首"] {
            assert!(
                !not.starts_with(LEAD_TIME_FIRST)
                    || LEAD_TIME.find(not).is_none_or(|m| m.is_empty()),
                "{not}"
            );
        }
    }

    #[test]
    fn trail_anchor_table() {
        let table = [
            ("对许可信息自作出决定之日起", Some("自作出决定之日起")),
            ("材料从受理后起", Some("从受理后起")),
            ("自查", None),
            ("起草", None),
        ];
        for (s, want) in table {
            assert_eq!(TRAIL_ANCHOR.find(s).map(|m| m.as_str()), want, "{s}");
        }
    }

    #[test]
    fn subjects_before_and_after() {
        use UnitKind::{Count, Duration, Money, Percent};
        let table = [
            (
                "全年共完成行政审批事项154项,其中",
                "154项",
                Count,
                "行政审批事项",
            ),
            (
                "对20项政务服务事项逐项编制指南",
                "20项",
                Count,
                "政务服务事项",
            ),
            ("对计划内的34家企业开展执法检查", "34家", Count, "企业"),
            (
                "组成了30人以上的镇级综合救援队伍,",
                "30人以上",
                Count,
                "镇级综合救援队伍",
            ),
            (
                "申请时限由5个工作日压缩至即时办结",
                "5个工作日",
                Duration,
                "申请时限",
            ),
            (
                "我局移动监管覆盖率达到100%。",
                "100%",
                Percent,
                "移动监管覆盖率",
            ),
            ("(完成率96%)", "96%", Percent, "完成率"),
            (
                "通过购买服务,投入12.5万元聘请专家",
                "12.5万元",
                Money,
                "投入",
            ),
            (
                "统筹指导12个镇街(区)对预案进行编修",
                "12个",
                Count,
                "镇街(区)",
            ),
            (
                "街道(园区)工作人员80人开展了培训",
                "80人",
                Count,
                "街道(园区)工作人员",
            ),
            ("执法检查数同比下降8.5%;", "8.5%", Percent, "执法检查数"),
            (
                "2023年度共办理涉及行刑衔接案件6个,",
                "6个",
                Count,
                "行刑衔接案件",
            ),
            (
                "三是组织开展普法知识竞赛活动,发动3000余人在线答题",
                "3000余人",
                Count,
                "普法知识竞赛活动",
            ),
            (
                "开展法律知识讲座,动员120人次,",
                "120人次",
                Count,
                "法律知识讲座",
            ),
            // A full stop ends the matter: nothing is borrowed across it.
            ("开展法律知识讲座。动员120人次,", "120人次", Count, "动员"),
            // One character or an adverb before the number names nothing: look after it.
            ("司法所中仍有4个所仅有1名在编人员", "1名", Count, "在编人员"),
            ("全市共有23处在建工地", "23处", Count, "在建工地"),
            (
                "将7项涉及群众切身利益的事项纳入目录管理",
                "7项",
                Count,
                "事项",
            ),
            (
                "资金拨付一般在7个工作日内完成",
                "7个工作日",
                Duration,
                "资金拨付",
            ),
            ("对126家A级企业实施差异化监管", "126家", Count, "A级企业"),
            ("首次对2项已实施决策开展后评估", "2项", Count, ""),
            (
                "对辖区内80%以上的高风险食品生产企业实现在线监测",
                "80%以上",
                Percent,
                "高风险食品生产企业",
            ),
            ("办件覆盖率达到100%的目标", "100%", Percent, "办件覆盖率"),
        ];
        for (text, q, kind, want) in table {
            assert_eq!(subject_of(text, q, kind), want, "{text}");
        }
    }
}
