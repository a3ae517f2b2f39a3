//! The metrics as an Excel workbook (.xlsx), built in the browser with `rust_xlsxwriter`:
//! one sheet of figures (values as real numbers, and the exact decimal beside them as text),
//! one of headings, one of the required parts. Header rows are bold, frozen and filterable.

use fazhi_core::{Analysis, Metric, RequiredPart};
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, Worksheet, XlsxError};

use crate::i18n::{approx_name, category_name, change_name, part_name, Lang};

/// Excel keeps at most 32,767 characters in a cell; longer text is cut (with an ellipsis).
const MAX_CELL_CHARS: usize = 32_000;

/// One column: its header in both languages and its width in characters.
struct Column {
    zh: &'static str,
    en: &'static str,
    width: f64,
}

const fn col(zh: &'static str, en: &'static str, width: f64) -> Column {
    Column { zh, en, width }
}

/// The columns of the figures sheet, in order.
const METRIC_COLUMNS: [Column; 14] = [
    col("序号", "#", 6.0),
    col("原文", "text", 16.0),
    col("指标", "subject", 24.0),
    col("数值", "value", 14.0),
    col("数值（精确）", "value (exact)", 16.0),
    col("上限", "upper", 12.0),
    col("上限（精确）", "upper (exact)", 14.0),
    col("单位", "unit", 8.0),
    col("原单位", "unit as written", 10.0),
    col("约数", "approx.", 9.0),
    col("变化", "change", 9.0),
    col("类别", "category", 14.0),
    col("章节", "section", 14.0),
    col("所在句", "sentence", 80.0),
];

const HEADING_COLUMNS: [Column; 7] = [
    col("序号", "#", 6.0),
    col("层级", "level", 6.0),
    col("编号", "marker", 8.0),
    col("标题", "title", 48.0),
    col("路径", "path", 14.0),
    col("必备内容", "required part", 20.0),
    col("数据指标数", "figures", 10.0),
];

const PART_COLUMNS: [Column; 4] = [
    col("必备内容", "required part", 24.0),
    col("具备", "present", 8.0),
    col("章节", "sections", 24.0),
    col("标题", "titles", 60.0),
];

fn cell_text(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        s.to_owned()
    } else {
        let mut cut: String = s.chars().take(MAX_CELL_CHARS).collect();
        cut.push('…');
        cut
    }
}

fn row_num(i: usize) -> Result<RowNum, XlsxError> {
    RowNum::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Write the bold header row, widths, a frozen header and an autofilter over `rows` rows.
fn table_frame(
    sheet: &mut Worksheet,
    columns: &[Column],
    rows: usize,
    lang: Lang,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, column) in (0..).zip(columns) {
        sheet.write_string_with_format(0, c, lang.pick(column.zh, column.en), &bold)?;
        sheet.set_column_width(c, column.width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = ColNum::try_from(columns.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, row_num(rows)?, last_col)?;
    Ok(())
}

fn write_text(sheet: &mut Worksheet, row: RowNum, col: ColNum, s: &str) -> Result<(), XlsxError> {
    if !s.is_empty() {
        sheet.write_string(row, col, cell_text(s))?;
    }
    Ok(())
}

fn write_number(sheet: &mut Worksheet, row: RowNum, col: ColNum, v: f64) -> Result<(), XlsxError> {
    // Excel has no NaN or infinity; the exact column still holds the value as text.
    if v.is_finite() {
        sheet.write_number(row, col, v)?;
    }
    Ok(())
}

/// An exact decimal's text as f64 for a numeric cell (the text goes in its own column).
fn exact_f64(exact: &str) -> f64 {
    exact.parse().unwrap_or(f64::NAN)
}

fn metric_row(
    sheet: &mut Worksheet,
    row: RowNum,
    m: &Metric,
    text: &str,
    lang: Lang,
) -> Result<(), XlsxError> {
    write_number(sheet, row, 0, f64::from(row))?;
    write_text(sheet, row, 1, &m.text)?;
    write_text(sheet, row, 2, &m.subject)?;
    write_number(sheet, row, 3, m.value_f64)?;
    write_text(sheet, row, 4, &m.value.normalize().to_string())?;
    if let Some(upper) = m.upper.map(|u| u.normalize().to_string()) {
        write_number(sheet, row, 5, exact_f64(&upper))?;
        write_text(sheet, row, 6, &upper)?;
    }
    write_text(sheet, row, 7, &m.unit)?;
    write_text(sheet, row, 8, &m.unit_written)?;
    write_text(sheet, row, 9, approx_name(m.approx, lang))?;
    if let Some(change) = m.change {
        write_text(sheet, row, 10, change_name(change, lang))?;
    }
    write_text(sheet, row, 11, category_name(m.category, lang))?;
    write_text(sheet, row, 12, &m.section_path)?;
    write_text(
        sheet,
        row,
        13,
        text.get(m.sentence.start..m.sentence.end)
            .unwrap_or("")
            .trim(),
    )?;
    Ok(())
}

/// The required part each heading falls under: its own, or the nearest ancestor's.
fn heading_parts(analysis: &Analysis) -> Vec<Option<RequiredPart>> {
    let own = |i: usize| {
        analysis
            .parts
            .iter()
            .find(|loc| loc.headings.contains(&i))
            .map(|loc| loc.part)
    };
    let mut parts: Vec<Option<RequiredPart>> = Vec::with_capacity(analysis.headings.len());
    for (i, h) in analysis.headings.iter().enumerate() {
        // Parents come before their children, so theirs is already known.
        let inherited = h.parent.filter(|&p| p < i).and_then(|p| parts[p]);
        parts.push(own(i).or(inherited));
    }
    parts
}

fn headings_sheet(sheet: &mut Worksheet, analysis: &Analysis, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(lang.pick("标题", "Headings"))?;
    table_frame(sheet, &HEADING_COLUMNS, analysis.headings.len(), lang)?;
    let parts = heading_parts(analysis);
    for (i, h) in analysis.headings.iter().enumerate() {
        let row = row_num(i + 1)?;
        let figures = analysis
            .metrics
            .iter()
            .filter(|m| h.section.start <= m.span.start && m.span.start < h.section.end)
            .count();
        write_number(sheet, row, 0, f64::from(row))?;
        write_number(sheet, row, 1, f64::from(h.level.number()))?;
        write_text(sheet, row, 2, &h.marker)?;
        write_text(sheet, row, 3, &h.title)?;
        write_text(sheet, row, 4, &h.path)?;
        if let Some(part) = parts.get(i).copied().flatten() {
            write_text(sheet, row, 5, part_name(part, lang))?;
        }
        write_number(sheet, row, 6, figures as f64)?;
    }
    Ok(())
}

fn parts_sheet(sheet: &mut Worksheet, analysis: &Analysis, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(lang.pick("必备内容", "Required parts"))?;
    table_frame(sheet, &PART_COLUMNS, RequiredPart::ALL.len(), lang)?;
    for (i, part) in RequiredPart::ALL.into_iter().enumerate() {
        let row = row_num(i + 1)?;
        let headings: Vec<_> = analysis
            .parts
            .iter()
            .filter(|loc| loc.part == part)
            .flat_map(|loc| loc.headings.iter())
            .filter_map(|&h| analysis.headings.get(h))
            .collect();
        let present = !headings.is_empty();
        let paths: Vec<&str> = headings.iter().map(|h| h.path.as_str()).collect();
        let titles: Vec<String> = headings
            .iter()
            .map(|h| format!("{}{}", h.marker, h.title))
            .collect();
        write_text(sheet, row, 0, part_name(part, lang))?;
        let yes_no = if present {
            lang.pick("是", "yes")
        } else {
            lang.pick("否", "no")
        };
        write_text(sheet, row, 1, yes_no)?;
        write_text(sheet, row, 2, &paths.join(lang.pick("、", ", ")))?;
        write_text(sheet, row, 3, &titles.join(lang.pick("；", "; ")))?;
    }
    Ok(())
}

fn build(text: &str, analysis: &Analysis, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("数据指标", "Figures"))?;
    table_frame(sheet, &METRIC_COLUMNS, analysis.metrics.len(), lang)?;
    for (i, m) in analysis.metrics.iter().enumerate() {
        metric_row(sheet, row_num(i + 1)?, m, text, lang)?;
    }
    headings_sheet(workbook.add_worksheet(), analysis, lang)?;
    parts_sheet(workbook.add_worksheet(), analysis, lang)?;
    workbook.save_to_buffer()
}

/// The metrics, headings and required parts of an analysed report as .xlsx bytes. Built in
/// the worker (`crate::job`), so the page does not carry rust_xlsxwriter.
pub fn metrics_xlsx(text: &str, analysis: &Analysis, lang: Lang) -> Result<Vec<u8>, String> {
    build(text, analysis, lang).map_err(|e| e.to_string())
}

/// The review sheet of the open reports: one row per report (`rows` as
/// `fazhi_core::review::review_row` gives them: file, then status and evidence excerpt per
/// check, then the reviewer's note), and a summary sheet counting each status per check.
pub fn review_xlsx(rows: &[Vec<String>], lang: Lang) -> Result<Vec<u8>, String> {
    build_review(rows, lang).map_err(|e| e.to_string())
}

fn build_review(rows: &[Vec<String>], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    use fazhi_core::review::{review_header, CheckId, Status};
    let bold = Format::new().set_bold();
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("审阅", "Review"))?;
    let header = review_header(lang);
    for (c, h) in (0..).zip(&header) {
        sheet.write_string_with_format(0, c, h, &bold)?;
        // File, then status (narrow) and evidence (wide) per check, then the note.
        let width = match c {
            0 => 28.0,
            _ if usize::from(c) == header.len() - 1 => 40.0,
            _ if c % 2 == 1 => 10.0,
            _ => 36.0,
        };
        sheet.set_column_width(c, width)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in (0..).zip(row) {
            sheet.write_string(row_num(r + 1)?, c, cell_text(cell))?;
        }
    }
    let last_col = ColNum::try_from(header.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, row_num(rows.len())?, last_col)?;

    let summary = workbook.add_worksheet();
    summary.set_name(lang.pick("汇总", "Summary"))?;
    summary.write_string_with_format(0, 0, lang.pick("检查", "check"), &bold)?;
    summary.write_string_with_format(0, 1, lang.pick("名称", "name"), &bold)?;
    summary.set_column_width(0, 30.0)?;
    summary.set_column_width(1, 24.0)?;
    for (c, status) in (2..).zip(Status::ALL) {
        summary.write_string_with_format(0, c, status.key(), &bold)?;
    }
    for (r, (i, id)) in (1..).zip(CheckId::ALL.into_iter().enumerate()) {
        summary.write_string(r, 0, id.key())?;
        summary.write_string(r, 1, id.name(lang))?;
        // The status of check `i` is column 1 + 2i of a row.
        for (c, status) in (2..).zip(Status::ALL) {
            let n = rows
                .iter()
                .filter(|row| row.get(1 + 2 * i).is_some_and(|s| s == status.key()))
                .count();
            #[allow(clippy::cast_precision_loss)]
            summary.write_number(r, c, n as f64)?;
        }
    }
    summary.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::DEMO_TEXT;

    #[test]
    fn demo_workbook_is_a_zip_with_three_sheets() {
        let analysis = fazhi_core::analyze(DEMO_TEXT);
        for lang in [Lang::Zh, Lang::En] {
            let bytes = metrics_xlsx(DEMO_TEXT, &analysis, lang).expect("xlsx");
            assert_eq!(&bytes[..2], b"PK");
            let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
            for sheet in 1..=3 {
                assert!(
                    has(&format!("xl/worksheets/sheet{sheet}.xml")),
                    "sheet {sheet}"
                );
            }
            assert!(!has("xl/worksheets/sheet4.xml"));
        }
    }

    #[test]
    fn headings_inherit_their_parents_part() {
        let analysis = &fazhi_core::analyze(DEMO_TEXT);
        let parts = heading_parts(analysis);
        assert_eq!(parts.len(), analysis.headings.len());
        for loc in &analysis.parts {
            for &h in &loc.headings {
                assert_eq!(parts[h], Some(loc.part));
            }
        }
        for (i, h) in analysis.headings.iter().enumerate() {
            if let (Some(p), None) = (h.parent, parts[i]) {
                assert_eq!(parts[p], None, "heading {i} lost its parent's part");
            }
        }
    }

    #[test]
    fn review_workbook_has_a_row_per_report_and_a_summary() {
        use fazhi_core::review::{review, review_row, ReviewSettings};
        let analysis = fazhi_core::analyze(DEMO_TEXT);
        let card = review(DEMO_TEXT, &analysis, &ReviewSettings::default());
        let rows = vec![
            review_row("a.txt", DEMO_TEXT, &card, "看过了"),
            review_row("b.txt", DEMO_TEXT, &card, ""),
        ];
        let bytes = review_xlsx(&rows, Lang::Zh).expect("xlsx");
        assert_eq!(&bytes[..2], b"PK");
        let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
        assert!(has("xl/worksheets/sheet2.xml"));
        assert!(!has("xl/worksheets/sheet3.xml"));
        assert!(
            review_xlsx(&[], Lang::En).is_ok(),
            "an empty batch still opens"
        );
    }

    #[test]
    fn long_cells_are_cut() {
        let long = "字".repeat(MAX_CELL_CHARS + 10);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(cell_text("短"), "短");
    }

    #[test]
    fn exact_decimals_as_f64() {
        assert!((exact_f64("1234.5") - 1234.5).abs() < f64::EPSILON);
        assert!(exact_f64("x").is_nan());
    }
}
