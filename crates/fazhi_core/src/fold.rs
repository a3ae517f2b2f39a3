//! Folding: the text the passes read, when it differs from the text the user gave.
//!
//! Two things in real files change how a report reads to the passes but not what it says:
//!
//! * **invisible characters** — zero-width spaces and joiners, direction marks, soft
//!   hyphens, variation selectors and combining marks — that a copy from a web page or a
//!   PDF can leave inside a number (`69\u{200b}.05万元`) or a word;
//! * **traditional characters** (`項` `萬` `餘` `場`), in reports from Hong Kong, Macao
//!   or Taiwan sources or in a Big5 file: every word table of the passes is written in
//!   simplified characters.
//!
//! [`fold`] removes the first and maps the second (each traditional character of
//! [`TRADITIONAL`] to its simplified form, which has the same UTF-8 length), and keeps
//! where it removed bytes, so that [`Folded::restore`] can carry every span of the
//! analysis back to the original text. A text with nothing to fold is analysed as it is.

use std::sync::LazyLock;

use crate::{Analysis, Diagnostic, DiagnosticKind, Severity, Span};

/// Traditional characters the passes may meet, and (at the same index of [`SIMPLIFIED`])
/// their simplified forms: units and scale words, approximation markers, and the common
/// words of the structure, parts and category tables.
pub const TRADITIONAL: &str = "項萬億餘場個處筆條門戶臺隊書張單區縣鎮鄉點傳廣東開關實際數據問題與為這從們來對時過還會發學習經濟業務檢罰沒審許證執規範製訓練講應隱復議訴訟調糾紛諮詢導師員參組織報總結劃計設備資財費幾兩約內種類級層線網絡電話專責負職權決頒佈現違險災廢棄監測評價體構機營運輸車輛駕駛醫療藥衛環護態農產勞動養義園稅統標準質術創優辦擔擬聽頭擊續紀錄廳黨幹眾愛協聯親屬補貼獎懲勢驗鑒認識確穩階進訪談細緻適當號檔錯誤齊響遠邊陸選舉聞觀視頻紙僅將並於後裡樣麼極齡寫讀說語論歷屆圍轄歸訊舊飲賣買額積徵難戰爭遷衝擴縮減輕獲幣貨銷簽訂債遺託達別則懷轉換雜戲劇藝圖館漁礦礙壞壓廠倉庫幫贈誠兒婦殘嚴厲獨蓋銀鄰麗龍鳳陳劉趙黃吳鄭謝韓楊馮鄧蘇葉盧蔣賈閆";
/// The simplified forms of [`TRADITIONAL`], char for char.
pub const SIMPLIFIED: &str = "项万亿余场个处笔条门户台队书张单区县镇乡点传广东开关实际数据问题与为这从们来对时过还会发学习经济业务检罚没审许证执规范制训练讲应隐复议诉讼调纠纷咨询导师员参组织报总结划计设备资财费几两约内种类级层线网络电话专责负职权决颁布现违险灾废弃监测评价体构机营运输车辆驾驶医疗药卫环护态农产劳动养义园税统标准质术创优办担拟听头击续纪录厅党干众爱协联亲属补贴奖惩势验鉴认识确稳阶进访谈细致适当号档错误齐响远边陆选举闻观视频纸仅将并于后里样么极龄写读说语论历届围辖归讯旧饮卖买额积征难战争迁冲扩缩减轻获币货销签订债遗托达别则怀转换杂戏剧艺图馆渔矿碍坏压厂仓库帮赠诚儿妇残严厉独盖银邻丽龙凤陈刘赵黄吴郑谢韩杨冯邓苏叶卢蒋贾闫";

/// Whether `c` is invisible and carries no meaning inside a number or a word.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2060}'..='\u{2064}'
        | '\u{0300}'..='\u{036f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{fe20}'..='\u{fe2f}'
        | '\u{e0100}'..='\u{e01ef}')
}

/// The simplified form of a traditional character of [`TRADITIONAL`].
#[must_use]
pub fn simplified(c: char) -> Option<char> {
    // Only CJK characters can be in the table: everything else returns at once.
    let bit = (c as usize).checked_sub(CJK_START)?;
    let word = TABLE.1.get(bit / 64)?;
    if word & (1 << (bit % 64)) == 0 {
        return None;
    }
    let table = &TABLE.0;
    let i = table.binary_search_by_key(&c, |&(t, _)| t).ok()?;
    table.get(i).map(|&(_, s)| s)
}

/// The sorted pairs and the bitmap of [`TABLE`].
type Table = (Vec<(char, char)>, Vec<u64>);

/// [`TRADITIONAL`] → [`SIMPLIFIED`] pairs sorted by the traditional character, so a lookup
/// is a binary search (every CJK character of every report is looked up).
/// With them, one bit per character of the CJK block (U+4E00–U+9FFF) set for the
/// characters of the table, so most characters are turned away by one bit test.
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut pairs: Vec<(char, char)> = TRADITIONAL.chars().zip(SIMPLIFIED.chars()).collect();
    pairs.sort_unstable();
    let mut bits = vec![0u64; (CJK_END - CJK_START).div_ceil(64)];
    for &(t, _) in &pairs {
        if let Some(word) = (t as usize)
            .checked_sub(CJK_START)
            .and_then(|b| bits.get_mut(b / 64).map(|w| (w, b % 64)))
        {
            *word.0 |= 1 << word.1;
        }
    }
    (pairs, bits)
});

/// The CJK Unified Ideographs block, where every character of [`TRADITIONAL`] lies.
const CJK_START: usize = 0x4e00;
const CJK_END: usize = 0xa000;
// The bitmap's words are the block's 64-char blocks (read so by `any_needs_fold`).
const _: () = assert!(CJK_START % 64 == 0);

/// A folded text and how to carry its offsets back.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// Where bytes were removed: (offset in the folded text, bytes removed up to and
    /// including that place), in order.
    removed: Vec<(usize, usize)>,
    invisible: usize,
    traditional: usize,
}

/// Whether the bit of the CJK character `u` is set in the bitmap of [`TABLE`].
fn cjk_bit(bits: &[u64], u: usize) -> bool {
    u.checked_sub(CJK_START)
        .filter(|_| u < CJK_END)
        .is_some_and(|b| bits.get(b / 64).is_some_and(|w| w & (1 << (b % 64)) != 0))
}

/// Whether `c` is folded: invisible, or a traditional character of the table.
fn needs_fold(bits: &[u64], c: char) -> bool {
    let u = c as usize;
    if u < 0xad {
        return false;
    }
    if (CJK_START..CJK_END).contains(&u) {
        cjk_bit(bits, u)
    } else {
        is_invisible(c)
    }
}

/// Whether any char of `text` [`needs_fold`]. Every report is asked this, nearly always
/// for a "no", so it reads bytes instead of decoding every char: ASCII is passed over, and a
/// character led by E4–E9 (U+4000–U+9FFF, where most Han characters lie and no invisible
/// one) is looked up in the bitmap from its bytes (the lead's low bits and the second byte's
/// are the code point's 64-char block, the bitmap's word; the third byte's the bit). Only
/// other characters are decoded (a test holds it equal to `text.chars().any(needs_fold)`).
fn any_needs_fold(bits: &[u64], text: &str) -> bool {
    let mut rest = text.as_bytes();
    loop {
        match rest {
            [] => return false,
            [0x00..=0x7f, tail @ ..] => rest = tail,
            [lead @ 0xe4..=0xe9, b1, b2, tail @ ..] => {
                // U+4000–U+4DFF lie below the table's block: their word index underflows.
                let word = (usize::from(lead & 0x0f) << 6 | usize::from(b1 & 0x3f))
                    .wrapping_sub(CJK_START / 64);
                if bits.get(word).is_some_and(|w| w >> (b2 & 0x3f) & 1 != 0) {
                    return true;
                }
                rest = tail;
            }
            _ => {
                let at = text.len() - rest.len();
                let Some(c) = text.get(at..).and_then(|r| r.chars().next()) else {
                    return false;
                };
                if needs_fold(bits, c) {
                    return true;
                }
                rest = rest.get(c.len_utf8()..).unwrap_or_default();
            }
        }
    }
}

/// Fold `text`; `None` when there is nothing to fold (the common case, checked first).
#[must_use]
pub fn fold(text: &str) -> Option<Folded> {
    if !any_needs_fold(&TABLE.1, text) {
        return None;
    }
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        removed: Vec::new(),
        invisible: 0,
        traditional: 0,
    };
    let mut total = 0usize;
    for c in text.chars() {
        if is_invisible(c) {
            total += c.len_utf8();
            out.invisible += 1;
            match out.removed.last_mut() {
                Some(last) if last.0 == out.text.len() => last.1 = total,
                _ => out.removed.push((out.text.len(), total)),
            }
        } else if let Some(s) = simplified(c) {
            out.traditional += 1;
            out.text.push(s);
        } else {
            out.text.push(c);
        }
    }
    Some(out)
}

impl Folded {
    /// The original offset of a folded offset where a span starts: after any bytes removed
    /// right there.
    fn start(&self, f: usize) -> usize {
        let k = self.removed.partition_point(|&(at, _)| at <= f);
        f + k
            .checked_sub(1)
            .and_then(|k| self.removed.get(k))
            .map_or(0, |r| r.1)
    }

    /// The original offset of a folded offset where a span ends: before any bytes removed
    /// right there.
    fn end(&self, f: usize) -> usize {
        let k = self.removed.partition_point(|&(at, _)| at < f);
        f + k
            .checked_sub(1)
            .and_then(|k| self.removed.get(k))
            .map_or(0, |r| r.1)
    }

    fn span(&self, s: Span) -> Span {
        let start = self.start(s.start);
        Span::new(start, self.end(s.end).max(start))
    }

    /// Carry an analysis of the folded text back to `original`: every span, and the text of
    /// every field that is a slice of the report, re-read from the original.
    pub fn restore(&self, a: &mut Analysis, original: &str) {
        let slice = |s: Span| s.slice(original).to_owned();
        a.text_len = original.len();
        a.body = self.span(a.body);
        for b in &mut a.boilerplate {
            *b = self.span(*b);
        }
        a.duplicate = a.duplicate.map(|d| self.span(d));
        for h in &mut a.headings {
            h.marker_span = self.span(h.marker_span);
            h.title_span = self.span(h.title_span);
            h.section = self.span(h.section);
            h.marker = slice(h.marker_span);
            h.title = slice(h.title_span);
        }
        for e in &mut a.enumerations {
            e.marker_span = self.span(e.marker_span);
            e.span = self.span(e.span);
            e.marker = slice(e.marker_span);
        }
        let m = &mut a.metadata;
        for located in [m.agency.as_mut(), m.title.as_mut()].into_iter().flatten() {
            located.span = self.span(located.span);
            located.value = slice(located.span);
        }
        if let Some(y) = m.year.as_mut() {
            y.span = self.span(y.span);
        }
        if let Some(p) = m.published.as_mut() {
            p.span = self.span(p.span);
        }
        for metric in &mut a.metrics {
            metric.span = self.span(metric.span);
            metric.text = slice(metric.span);
            metric.sentence = self.span(metric.sentence);
            metric.subject_span = metric.subject_span.map(|s| self.span(s));
            if let Some(s) = metric.subject_span {
                metric.subject = slice(s);
            }
        }
        for d in &mut a.diagnostics {
            d.span = d.span.map(|s| self.span(s));
        }
        let mut what = Vec::new();
        if self.traditional > 0 {
            what.push(format!(
                "{} 个繁体字按简体识别 ({} traditional characters read as simplified)",
                self.traditional, self.traditional
            ));
        }
        if self.invisible > 0 {
            what.push(format!(
                "忽略 {} 个不可见字符 ({} invisible characters ignored)",
                self.invisible, self.invisible
            ));
        }
        a.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Note,
            severity: Severity::Info,
            message: what.join("；"),
            span: None,
        });
    }
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&TABLE);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte reading finds what decoding every char finds: each char alone, each after
    /// Han text and ASCII, the sample texts, and any text.
    #[test]
    fn any_needs_fold_agrees_with_a_char_scan() {
        let bits = &TABLE.1;
        let by_chars = |t: &str| t.chars().any(|c| needs_fold(bits, c));
        let mut folded = 0;
        for c in ('\0'..='\u{d7ff}').chain('\u{e000}'..='\u{10ffff}') {
            for t in [c.to_string(), format!("中a{c}"), format!("{c}文")] {
                assert_eq!(any_needs_fold(bits, &t), by_chars(&t), "{c:?}");
            }
            folded += usize::from(needs_fold(bits, c));
        }
        assert!(folded > TRADITIONAL.chars().count(), "{folded}");
        for t in crate::text::sample_lines("項目\u{200b}69\u{fe0f}萬元") {
            assert_eq!(any_needs_fold(bits, t), by_chars(t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_needs_fold_agrees_on_any_text(t in "\\PC{0,40}") {
            proptest::prop_assert_eq!(any_needs_fold(&TABLE.1, &t), t.chars().any(|c| needs_fold(&TABLE.1, c)));
        }
    }

    #[test]
    fn table_is_char_for_char_and_keeps_lengths() {
        let t: Vec<char> = TRADITIONAL.chars().collect();
        let s: Vec<char> = SIMPLIFIED.chars().collect();
        assert_eq!(t.len(), s.len());
        let mut seen = std::collections::HashSet::new();
        for (a, b) in t.iter().zip(&s) {
            assert_ne!(a, b);
            assert_eq!(a.len_utf8(), b.len_utf8(), "{a}{b}");
            assert!(seen.insert(*a), "{a} twice");
            assert!(!t.contains(b), "{b} is both traditional and simplified");
            assert!(('\u{4e00}'..='\u{9fff}').contains(a), "{a}");
        }
    }

    #[test]
    fn fold_table() {
        let table = [
            ("共154项", None),
            ("共154項", Some("共154项")),
            ("69\u{200b}.05萬元", Some("69.05万元")),
            ("1\u{0301}2\u{200d}3餘場", Some("123余场")),
            ("\u{200b}\u{200b}甲", Some("甲")),
        ];
        for (input, want) in table {
            assert_eq!(
                fold(input).map(|f| f.text),
                want.map(str::to_owned),
                "{input}"
            );
        }
    }

    #[test]
    fn offsets_carry_back() {
        let text = "甲\u{200b}12\u{200b}\u{200d}3乙";
        let f = fold(text).expect("something to fold");
        assert_eq!(f.text, "甲123乙");
        // "12" in the folded text (bytes 3..5) is "12" in the original (after the ZWSP).
        assert_eq!(f.span(Span::new(3, 5)), Span::new(6, 8));
        // "123" spans the removed joiners.
        let s = f.span(Span::new(3, 6));
        assert_eq!(s.slice(text), "12\u{200b}\u{200d}3");
        // The whole text.
        assert_eq!(f.span(Span::new(0, f.text.len())), Span::new(0, text.len()));
    }
}
