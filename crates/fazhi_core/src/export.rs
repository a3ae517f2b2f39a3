//! Tables for spreadsheets, shared by the app's downloads and `fazhi analyze --format
//! csv|summary`: CSV that opens cleanly in Excel and WPS (UTF-8 with a BOM, CRLF line ends,
//! RFC 4180 quoting, no cell taken for a formula).
//!
//! Two tables:
//! - [`metrics_csv`]: one row per metric, for one report or many (then with a file column);
//! - [`summary_csv`]: one row per report, for comparing many — issuing body, year, the five
//!   required parts, and how many figures of each category it gives.
//!
//! Both can also be written a piece at a time, for batches too large to hold: a [`Csv::new`]
//! with the header ([`metrics_header_row`], [`summary_header_row`]), then each report's rows
//! in a [`Csv::continuation`] ([`metric_rows`], [`summary_row_csv`]). Neither table's columns
//! depend on the reports, so the pieces put together are the bytes of the whole table.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::{Analysis, Category, Date, Lang, Metric, RequiredPart};

/// One analysed report, as the tables read it.
#[derive(Debug, Clone, Copy)]
pub struct ReportRef<'a> {
    /// File name (or the name the app shows for pasted text).
    pub file: &'a str,
    /// The text that was analysed (spans point into it).
    pub text: &'a str,
    pub analysis: &'a Analysis,
}

/// One CSV cell: free text, or a column that holds plain numbers only (row number, value,
/// count), which is written as it is when it really is a plain number.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(&'a str),
}

/// A CSV document being written: starts with the UTF-8 BOM (Excel and WPS need it to read
/// UTF-8), one row per call, CRLF line ends.
#[derive(Debug, Clone)]
pub struct Csv {
    out: String,
}

impl Default for Csv {
    fn default() -> Self {
        Self::new()
    }
}

impl Csv {
    #[must_use]
    pub fn new() -> Self {
        Self {
            out: String::from("\u{feff}"),
        }
    }

    /// Append one row.
    pub fn row(&mut self, cells: &[Cell<'_>]) {
        for (i, &cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&field(&neutralise(cell)));
        }
        self.out.push_str("\r\n");
    }

    /// Rows that continue a document begun with [`Csv::new`] elsewhere: no BOM. For writing
    /// a table a piece at a time.
    #[must_use]
    pub fn continuation() -> Self {
        Self { out: String::new() }
    }

    /// The document so far, BOM included.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.out
    }

    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

/// Quote a CSV field when it holds a comma, a quote or a line break, or starts or ends with
/// a space (which some readers trim).
fn field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ') {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// Characters that make Excel, WPS or LibreOffice read a cell as a formula (or, for tab and
/// carriage return, that they strip before looking for one).
pub const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A plain decimal number as the exports write it: an optional minus sign, digits, and at
/// most one decimal point with digits on both sides (`12`, `-3.5`).
#[must_use]
pub fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.split('.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    parts.next().is_none() && all_digits(whole) && frac.is_none_or(all_digits)
}

/// Keep a spreadsheet from running a cell as a formula (CSV injection): a cell that starts
/// with `= + - @`, a tab or a carriage return gets a leading single quote, which Excel and
/// WPS show as text. Numbers stay numbers.
fn neutralise(cell: Cell<'_>) -> Cow<'_, str> {
    match cell {
        Cell::Number(s) if is_plain_number(s) => Cow::Borrowed(s),
        Cell::Text(s) | Cell::Number(s) if s.starts_with(FORMULA_START) => {
            Cow::Owned(format!("'{s}"))
        }
        Cell::Text(s) | Cell::Number(s) => Cow::Borrowed(s),
    }
}

/// The columns of the metrics table, after the file column when there is one.
#[must_use]
pub const fn metric_header(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Zh => [
            "序号",
            "原文",
            "指标",
            "数值",
            "上限",
            "单位",
            "原单位",
            "约数",
            "变化",
            "类别",
            "章节",
            "所在句",
        ],
        Lang::En => [
            "#",
            "text",
            "subject",
            "value",
            "upper",
            "unit",
            "unit as written",
            "approx",
            "change",
            "category",
            "section",
            "sentence",
        ],
    }
}

fn metric_row(csv: &mut Csv, file: Option<&str>, i: usize, m: &Metric, text: &str, lang: Lang) {
    let number = (i + 1).to_string();
    let value = m.value.normalize().to_string();
    let upper = m
        .upper
        .map(|u| u.normalize().to_string())
        .unwrap_or_default();
    let change = m.change.map(|c| c.name(lang)).unwrap_or_default();
    let sentence = m.sentence.slice(text).trim();
    let cells = [
        Cell::Number(&number),
        Cell::Text(&m.text),
        Cell::Text(&m.subject),
        Cell::Number(&value),
        Cell::Number(&upper),
        Cell::Text(&m.unit),
        Cell::Text(&m.unit_written),
        Cell::Text(m.approx.name(lang)),
        Cell::Text(change),
        Cell::Text(m.category.name(lang)),
        Cell::Text(&m.section_path),
        Cell::Text(sentence),
    ];
    match file {
        Some(f) => {
            let mut with_file = vec![Cell::Text(f)];
            with_file.extend(cells);
            csv.row(&with_file);
        }
        None => csv.row(&cells),
    }
}

/// The metrics of `reports` as CSV bytes, one row per metric in text order. With
/// `file_column`, each row starts with the report's file name (for many reports in one
/// sheet); `序号` counts within each report.
#[must_use]
pub fn metrics_csv(reports: &[ReportRef<'_>], lang: Lang, file_column: bool) -> Vec<u8> {
    let mut csv = Csv::new();
    metrics_header_row(&mut csv, lang, file_column);
    for r in reports {
        metric_rows(&mut csv, r, lang, file_column);
    }
    csv.into_bytes()
}

/// The header row of [`metrics_csv`].
pub fn metrics_header_row(csv: &mut Csv, lang: Lang, file_column: bool) {
    let header = metric_header(lang).map(Cell::Text);
    if file_column {
        let mut with_file = vec![Cell::Text(lang.pick("文件", "file"))];
        with_file.extend(header);
        csv.row(&with_file);
    } else {
        csv.row(&header);
    }
}

/// The rows of [`metrics_csv`] for one report.
pub fn metric_rows(csv: &mut Csv, report: &ReportRef<'_>, lang: Lang, file_column: bool) {
    let file = file_column.then_some(report.file);
    for (i, m) in report.analysis.metrics.iter().enumerate() {
        metric_row(csv, file, i, m, report.text, lang);
    }
}

/// The columns of the summary table.
#[must_use]
pub fn summary_header(lang: Lang) -> Vec<Cow<'static, str>> {
    let mut cols: Vec<Cow<'static, str>> = [
        lang.pick("文件", "file"),
        lang.pick("发布机关", "issuing body"),
        lang.pick("年度", "year"),
        lang.pick("发布日期", "published"),
        lang.pick("必备内容", "required parts"),
    ]
    .into_iter()
    .map(Cow::Borrowed)
    .collect();
    cols.extend(RequiredPart::ALL.map(|p| Cow::Borrowed(p.name(lang))));
    cols.push(Cow::Borrowed(lang.pick("标题数", "headings")));
    cols.push(Cow::Borrowed(lang.pick("指标数", "metrics")));
    cols.extend(
        Category::ALL
            .map(|c| Cow::Owned(format!("{}{}", c.name(lang), lang.pick("（条）", " (n)")))),
    );
    cols.push(Cow::Borrowed(
        lang.pick("罚没金额合计（元）", "fines total (yuan)"),
    ));
    cols
}

/// The sum, in 元, of the fines and confiscations a report states in money (lower bounds
/// for ranges and `余`; a percentage or a count of fines is not money). `None` when it gives
/// no such amount.
#[must_use]
pub fn fines_total(analysis: &Analysis) -> Option<Decimal> {
    analysis
        .metrics
        .iter()
        .filter(|m| m.category == Category::Fines && m.unit == "元" && m.change.is_none())
        .try_fold(None, |sum: Option<Decimal>, m| {
            Some(Some(sum.unwrap_or_default().checked_add(m.value)?))
        })
        .flatten()
}

/// What one report gives, for comparing reports: a row of [`summary_csv`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub agency: Option<String>,
    pub year: Option<u16>,
    pub published: Option<Date>,
    /// Whether each required part was found, in [`RequiredPart::ALL`] order.
    pub parts: [bool; RequiredPart::ALL.len()],
    pub headings: usize,
    pub metrics: usize,
    /// How many metrics fall in each category, in [`Category::ALL`] order.
    pub per_category: [usize; Category::ALL.len()],
    /// See [`fines_total`].
    pub fines_total: Option<Decimal>,
}

impl Summary {
    /// Summarise one analysis.
    #[must_use]
    pub fn of(a: &Analysis) -> Self {
        let meta = &a.metadata;
        Self {
            agency: meta.agency.as_ref().map(|l| l.value.clone()),
            year: meta.year.as_ref().map(|l| l.value),
            published: meta.published.as_ref().map(|l| l.value),
            parts: RequiredPart::ALL.map(|p| a.parts.iter().any(|l| l.part == p && l.present())),
            headings: a.headings.len(),
            metrics: a.metrics.len(),
            per_category: Category::ALL
                .map(|c| a.metrics.iter().filter(|m| m.category == c).count()),
            fines_total: fines_total(a),
        }
    }

    /// How many of the five required parts were found.
    #[must_use]
    pub fn parts_present(&self) -> usize {
        self.parts.iter().filter(|&&f| f).count()
    }

    /// `4/5`.
    #[must_use]
    pub fn parts_text(&self) -> String {
        format!("{}/{}", self.parts_present(), self.parts.len())
    }
}

/// The cells of one report's row, in [`summary_header`] order.
#[must_use]
pub fn summary_row(file: &str, s: &Summary, lang: Lang) -> Vec<String> {
    let mut row = vec![
        file.to_owned(),
        s.agency.clone().unwrap_or_default(),
        s.year.map(|y| y.to_string()).unwrap_or_default(),
        s.published.map(Date::iso).unwrap_or_default(),
        s.parts_text(),
    ];
    row.extend(s.parts.map(|f| {
        lang.pick(
            if f { "有" } else { "缺" },
            if f { "yes" } else { "missing" },
        )
        .to_owned()
    }));
    row.push(s.headings.to_string());
    row.push(s.metrics.to_string());
    row.extend(s.per_category.map(|n| n.to_string()));
    row.push(
        s.fines_total
            .map(|d| d.normalize().to_string())
            .unwrap_or_default(),
    );
    row
}

/// One row per report, to compare many: see [`summary_header`].
#[must_use]
pub fn summary_csv(reports: &[ReportRef<'_>], lang: Lang) -> Vec<u8> {
    let mut csv = Csv::new();
    summary_header_row(&mut csv, lang);
    for r in reports {
        summary_row_csv(&mut csv, r.file, &Summary::of(r.analysis), lang);
    }
    csv.into_bytes()
}

/// The header row of [`summary_csv`]: the same columns whatever the reports.
pub fn summary_header_row(csv: &mut Csv, lang: Lang) {
    let header = summary_header(lang);
    csv.row(&header.iter().map(|h| Cell::Text(h)).collect::<Vec<_>>());
}

/// One report's row of [`summary_csv`].
pub fn summary_row_csv(csv: &mut Csv, file: &str, summary: &Summary, lang: Lang) {
    // Which columns hold numbers: year, the counts, the total.
    let numeric = |col: usize| col == 2 || col >= 5 + RequiredPart::ALL.len();
    let row = summary_row(file, summary, lang);
    let cells: Vec<Cell<'_>> = row
        .iter()
        .enumerate()
        .map(|(col, s)| {
            if numeric(col) {
                Cell::Number(s)
            } else {
                Cell::Text(s)
            }
        })
        .collect();
    csv.row(&cells);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    fn report<'a>(file: &'a str, text: &'a str, analysis: &'a Analysis) -> ReportRef<'a> {
        ReportRef {
            file,
            text,
            analysis,
        }
    }

    /// Split one CSV document into rows of unquoted fields (RFC 4180).
    pub(crate) fn parse(csv: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = csv.trim_start_matches('\u{feff}').chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (_, c) => cell.push(c),
            }
        }
        rows
    }

    #[test]
    fn quoting() {
        assert_eq!(field("a"), "a");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("x\ny"), "\"x\ny\"");
        assert_eq!(field(" x"), "\" x\"");
    }

    #[test]
    fn formula_starts_get_a_quote() {
        for s in [
            "=1+1",
            "+86",
            "-3",
            "@SUM(A1)",
            "\tx",
            "\r=1",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(neutralise(Cell::Text(s)), format!("'{s}"), "{s:?}");
        }
        for s in [
            "",
            "检查企业12家",
            "12",
            "'=already",
            " =1",
            "a=b",
            "（一）",
        ] {
            assert_eq!(neutralise(Cell::Text(s)), s, "{s:?}");
        }
    }

    #[test]
    fn numbers_stay_numbers_but_only_real_ones() {
        for s in ["12", "-5", "0.25", "-3.5", "1200000000", ""] {
            assert_eq!(neutralise(Cell::Number(s)), s, "{s:?}");
        }
        for s in ["-", "-1+1", "=1", "+5", "@1", "-.5", "-1.", "-1e5"] {
            assert_eq!(neutralise(Cell::Number(s)), format!("'{s}"), "{s:?}");
        }
        // Not plain numbers, but nothing a spreadsheet would run either.
        for s in ["1.", "1.2.3", "12万"] {
            assert!(!is_plain_number(s));
            assert_eq!(neutralise(Cell::Number(s)), s, "{s:?}");
        }
    }

    #[test]
    fn quoted_after_neutralising() {
        let mut csv = Csv::new();
        csv.row(&[Cell::Text("=1,2"), Cell::Number("-5"), Cell::Text("-\"x\"")]);
        assert_eq!(csv.as_str(), "\u{feff}\"'=1,2\",-5,\"'-\"\"x\"\"\"\r\n");
    }

    const REPORT: &str = "青川县司法局2024年法治政府建设年度报告\n\
        一、主要举措和成效\n\
        全年办理行政许可1,234件，查处案件56起，罚没款853.8349万元，另没收违法所得2万余元。\n\
        罚款金额同比下降11.2%。\n\
        二、存在的不足和原因\n\
        执法人员培训不足。\n\
        三、下一年度工作安排\n\
        计划开展培训3期。\n";

    #[test]
    fn metrics_table_for_many_reports_has_a_file_column() {
        let a = analyze(REPORT);
        let b_text = "一、主要举措和成效\n=HYPERLINK(\"x\")检查企业12家。\n";
        let b = analyze(b_text);
        let reports = [report("a.txt", REPORT, &a), report("b,c.txt", b_text, &b)];
        let bytes = metrics_csv(&reports, Lang::Zh, true);
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(bytes).expect("utf-8");
        let rows = parse(&text);
        assert_eq!(rows.len(), 1 + a.metrics.len() + b.metrics.len());
        assert_eq!(rows[0][..3], ["文件", "序号", "原文"]);
        assert!(rows.iter().all(|r| r.len() == 13), "{rows:?}");
        let fines: Vec<_> = rows.iter().filter(|r| r[2] == "853.8349万元").collect();
        assert_eq!(fines.len(), 1, "{rows:?}");
        assert_eq!(fines[0][0], "a.txt");
        assert_eq!(fines[0][4], "8538349");
        assert_eq!(fines[0][6], "元");
        assert_eq!(fines[0][7], "万元");
        assert_eq!(fines[0][10], "罚没金额");
        let last = rows.last().expect("a row");
        assert_eq!(last[0], "b,c.txt");
        assert_eq!(last[1], "1", "numbered within each report");
        assert!(
            last[12].starts_with("'="),
            "the sentence is neutralised: {last:?}"
        );
        assert!(text.contains("\"b,c.txt\""), "a comma is quoted");
        // Without the file column, the app's single-report table.
        let one = String::from_utf8(metrics_csv(&reports[..1], Lang::En, false)).expect("utf-8");
        let rows = parse(&one);
        assert_eq!(rows[0][..2], ["#", "text"]);
        assert_eq!(rows.len(), 1 + a.metrics.len());
        assert!(rows.iter().all(|r| r.len() == 12));
    }

    #[test]
    fn summary_compares_reports() {
        let a = analyze(REPORT);
        let empty = analyze("");
        let reports = [report("a.txt", REPORT, &a), report("empty.txt", "", &empty)];
        let text = String::from_utf8(summary_csv(&reports, Lang::Zh)).expect("utf-8");
        let rows = parse(&text);
        let header = summary_header(Lang::Zh);
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == header.len()), "{rows:?}");
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no column {name}"))
        };
        let r = &rows[1];
        assert_eq!(r[col("发布机关")], "青川县司法局");
        assert_eq!(r[col("年度")], "2024");
        assert_eq!(r[col("必备内容")], "3/5");
        assert_eq!(r[col("主要举措和成效")], "有");
        assert_eq!(r[col("主要负责人履职情况")], "缺");
        assert_eq!(r[col("标题数")], "3");
        assert_eq!(r[col("指标数")], a.metrics.len().to_string());
        // 853.8349万元 + 2万余元; the 11.2% change is not money.
        assert_eq!(r[col("罚没金额合计（元）")], "8558349");
        let per_category: usize = Category::ALL
            .iter()
            .map(|c| {
                r[col(&format!("{}（条）", c.name_zh()))]
                    .parse::<usize>()
                    .expect("a count")
            })
            .sum();
        assert_eq!(per_category, a.metrics.len(), "every metric counted once");
        let e = &rows[2];
        assert_eq!(e[col("必备内容")], "0/5");
        assert_eq!(e[col("指标数")], "0");
        assert_eq!(e[col("罚没金额合计（元）")], "", "no amount is not 0");
        let en = summary_header(Lang::En);
        assert_eq!(en.len(), header.len());
        assert!(en.iter().any(|h| h == "fines total (yuan)"));
    }

    #[test]
    fn tables_written_a_piece_at_a_time_are_the_whole_tables() {
        let a = analyze(REPORT);
        let b_text = "一、主要举措和成效\n检查企业12家，罚款3万元。\n";
        let b = analyze(b_text);
        let reports = [report("a.txt", REPORT, &a), report("b,c.txt", b_text, &b)];
        for lang in [Lang::Zh, Lang::En] {
            for file_column in [true, false] {
                let mut pieces = Csv::new();
                metrics_header_row(&mut pieces, lang, file_column);
                let mut bytes = pieces.into_bytes();
                for r in &reports {
                    let mut rows = Csv::continuation();
                    metric_rows(&mut rows, r, lang, file_column);
                    assert!(!rows.as_str().starts_with('\u{feff}'), "one BOM only");
                    bytes.extend(rows.into_bytes());
                }
                assert_eq!(bytes, metrics_csv(&reports, lang, file_column));
            }
            let mut pieces = Csv::new();
            summary_header_row(&mut pieces, lang);
            let mut bytes = pieces.into_bytes();
            for r in &reports {
                let mut row = Csv::continuation();
                summary_row_csv(&mut row, r.file, &Summary::of(r.analysis), lang);
                bytes.extend(row.into_bytes());
            }
            assert_eq!(bytes, summary_csv(&reports, lang));
        }
    }

    #[test]
    fn fines_total_ignores_counts_and_changes() {
        let a = analyze("一、主要举措和成效\n作出罚款决定12件，罚款3万元，罚款额同比增长5%，没收违法所得1.5万元。\n");
        assert_eq!(
            fines_total(&a),
            Some(Decimal::from(45_000)),
            "{:?}",
            a.metrics
        );
        assert_eq!(fines_total(&analyze("检查企业12家。")), None);
    }

    #[test]
    fn report_with_formula_text_exports_no_formula() {
        let text = "一、总体情况\n=HYPERLINK(\"http://x\",\"点\")全年检查企业12家。\n@SUM(A1)罚款3万元。\n+86处理投诉5件，-减少2件。\n\t=1+1受理案件7件。";
        let a = analyze(text);
        assert!(a.metrics.len() >= 4, "{:?}", a.metrics);
        let csv = String::from_utf8(metrics_csv(&[report("=x.txt", text, &a)], Lang::Zh, true))
            .expect("utf-8");
        let rows = parse(&csv);
        assert_eq!(rows.len(), a.metrics.len() + 1);
        let mut quoted = 0;
        for r in &rows[1..] {
            assert_eq!(r.len(), 13);
            for (col, cell) in r.iter().enumerate() {
                // After the file column: 序号, 数值 and 上限 hold numbers.
                if [1, 4, 5].contains(&col) {
                    assert!(
                        cell.is_empty() || is_plain_number(cell),
                        "numeric column {col}: {cell:?}"
                    );
                } else {
                    assert!(!cell.starts_with(FORMULA_START), "column {col}: {cell:?}");
                    quoted += usize::from(cell.starts_with('\''));
                }
            }
        }
        assert!(
            quoted >= 3 + a.metrics.len(),
            "sentences starting with = @ + and the file name were neutralised: {rows:?}"
        );
    }
}
