//! Structured mutations of report-like text: the fuzzer picks a sequence of pieces that
//! real reports are made of (heading markers, numbers, units, approximation markers, quotes,
//! punctuation, white space, zero-width and combining chars, traditional forms, phrases of a
//! real sentence), some of them repeated many times, and the text is analysed and checked.
//! Set `FAZHI_FUZZ_DUMP=<file>` to get the text of an input.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

/// The text stops growing past this many bytes: enough for quadratic work to reach the
/// 10 s timeout, small enough to keep a few executions a second (the `analyze` target takes
/// inputs up to 1 MB).
const MAX_TEXT: usize = 256 << 10;

const CN_DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const UNITS: [&str; 14] = [
    "万", "亿", "万元", "亿元", "元", "项", "件", "人次", "人", "次", "个", "家", "%", "％",
];
const APPROX: [&str; 7] = ["余", "多", "以上", "近", "约", "以内", "左右"];
const QUOTES: [&str; 8] = ["“", "”", "《", "》", "（", "）", "(", ")"];
const PUNCT: [&str; 9] = ["。", "，", "：", "；", ":", ";", "、", ".", "！"];
const SPACES: [&str; 6] = [" ", "  ", "　", "\t", "\r\n", "\n\n"];
const INVISIBLE: [&str; 4] = ["\u{200b}", "\u{200d}", "\u{feff}", "\u{0301}"];
const TRADITIONAL: [&str; 6] = ["項", "萬", "餘", "億", "處罰", "許可"];
const PHRASES: [&str; 24] = [
    "全年办理行政许可事项",
    "罚款",
    "2024年",
    "2025年1月8日",
    "二〇二五年一月八日",
    "行政处罚案件",
    "同比增长",
    "同比下降",
    "开展执法检查",
    "排查隐患",
    "组织培训",
    "共计",
    "累计",
    "其中",
    "至",
    "法治政府建设年度报告",
    "主要举措和成效",
    "存在的不足和原因",
    "党政主要负责人履行推进法治建设第一责任人职责",
    "下一年度工作安排",
    "其他需要报告的情况",
    "某某市司法局",
    "首页 > 政务公开",
    "发布日期: 2024-02-19",
];
const DECIMALS: [&str; 5] = ["1.5", "69.05", "３", "0.5", "100"];

#[derive(Arbitrary, Debug)]
enum Piece {
    /// `一、` … `九十九、`
    L1(u8),
    /// `（一）`
    L2Full(u8),
    /// `(二)`
    L2Half(u8),
    /// `1.`
    L3Dot(u8),
    /// `1、`
    L3Comma(u8),
    /// `（1）`
    L4(u8),
    /// `一是`, `二是`, …
    Shi(u8),
    /// `一方面` / `另一方面`
    Fangmian(bool),
    Int(u32),
    Decimal(u8),
    Unit(u8),
    Approx(u8),
    ZeroComplaints,
    Quote(u8),
    Punct(u8),
    Newline,
    Space(u8),
    Invisible(u8),
    Traditional(u8),
    Phrase(u8),
    /// A CJK ideograph.
    Han(u16),
    Char(char),
}

#[derive(Arbitrary, Debug)]
enum Item {
    One(Piece),
    /// The pieces, concatenated, `count` times over: long runs expose superlinear time.
    Repeat(u16, Vec<Piece>),
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

/// 1..=99 in Chinese numerals.
fn cn(n: u8) -> String {
    let n = usize::from(n % 99) + 1;
    let (tens, ones) = (n / 10, n % 10);
    let mut s = String::new();
    if tens > 1 {
        s.push_str(CN_DIGITS[tens]);
    }
    if tens > 0 {
        s.push('十');
    }
    if ones > 0 {
        s.push_str(CN_DIGITS[ones]);
    }
    s
}

fn push(out: &mut String, p: &Piece) {
    match p {
        Piece::L1(n) => {
            out.push_str(&cn(*n));
            out.push('、');
        }
        Piece::L2Full(n) => {
            out.push('（');
            out.push_str(&cn(*n));
            out.push('）');
        }
        Piece::L2Half(n) => {
            out.push('(');
            out.push_str(&cn(*n));
            out.push(')');
        }
        Piece::L3Dot(n) => out.push_str(&format!("{}.", n % 50 + 1)),
        Piece::L3Comma(n) => out.push_str(&format!("{}、", n % 50 + 1)),
        Piece::L4(n) => out.push_str(&format!("（{}）", n % 50 + 1)),
        Piece::Shi(n) => {
            out.push_str(&cn(*n % 12));
            out.push('是');
        }
        Piece::Fangmian(other) => out.push_str(if *other { "另一方面" } else { "一方面" }),
        Piece::Int(n) => out.push_str(&n.to_string()),
        Piece::Decimal(i) => out.push_str(pick(&DECIMALS, *i)),
        Piece::Unit(i) => out.push_str(pick(&UNITS, *i)),
        Piece::Approx(i) => out.push_str(pick(&APPROX, *i)),
        Piece::ZeroComplaints => out.push_str("零投诉"),
        Piece::Quote(i) => out.push_str(pick(&QUOTES, *i)),
        Piece::Punct(i) => out.push_str(pick(&PUNCT, *i)),
        Piece::Newline => out.push('\n'),
        Piece::Space(i) => out.push_str(pick(&SPACES, *i)),
        Piece::Invisible(i) => out.push_str(pick(&INVISIBLE, *i)),
        Piece::Traditional(i) => out.push_str(pick(&TRADITIONAL, *i)),
        Piece::Phrase(i) => out.push_str(pick(&PHRASES, *i)),
        Piece::Han(i) => out.push(char::from_u32(0x4e00 + u32::from(*i) % 0x51a6).unwrap_or('中')),
        Piece::Char(c) => out.push(*c),
    }
}

fn build(items: &[Item]) -> String {
    let mut out = String::new();
    for item in items {
        match item {
            Item::One(p) => push(&mut out, p),
            Item::Repeat(count, pieces) => {
                if pieces.is_empty() {
                    continue;
                }
                for _ in 0..*count {
                    for p in pieces {
                        push(&mut out, p);
                    }
                    if out.len() >= MAX_TEXT {
                        break;
                    }
                }
            }
        }
        if out.len() >= MAX_TEXT {
            break;
        }
    }
    out
}

/// `FAZHI_FUZZ_DUMP=<file>`: write the built text there before analysing it, to save a
/// finding as plain text (`cargo +nightly fuzz run analyze_structured <artifact>`).
static DUMP: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();

fuzz_target!(|items: Vec<Item>| {
    let text = build(&items);
    if let Some(path) = DUMP.get_or_init(|| std::env::var_os("FAZHI_FUZZ_DUMP")) {
        if let Err(e) = std::fs::write(path, &text) {
            eprintln!("FAZHI_FUZZ_DUMP: {e}");
        }
    }
    fazhi_fuzz::analyze_and_check(&text);
});
