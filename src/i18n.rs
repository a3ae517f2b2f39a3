//! Every string the interface shows, in Chinese and English, in one table.

use fazhi_core::decode::DecodeWarning;
use fazhi_core::{Approx, Category, Change, RequiredPart, Severity};

/// The interface language (the core's: export headers and names share it). Chinese is the
/// default.
pub use fazhi_core::Lang;

/// The keys of the string table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    Tagline,
    Privacy,
    LangToggle,
    LangToggleLabel,
    ThemeToDark,
    ThemeToLight,
    PastePlaceholder,
    PasteLabel,
    ChooseFiles,
    FilesHint,
    DropHere,
    DemoButton,
    FileErrorPrefix,
    DismissErrors,
    ReportsLabel,
    CloseReport,
    PastedText,
    DemoName,
    EmptyTitle,
    EmptyBody,
    Agency,
    Year,
    Published,
    FileName,
    Size,
    Encoding,
    Unknown,
    Bytes,
    PartsTitle,
    PartMissing,
    OutlineTitle,
    NoHeadings,
    TextTitle,
    Legend,
    LegendHeading,
    LegendMetric,
    LegendDimmed,
    LegendNoPart,
    DiagnosticsTitle,
    NoDiagnostics,
    DiagnosticNoSpan,
    Info,
    Warning,
    MetricsTitle,
    ColText,
    ColSubject,
    ColValue,
    ColUnit,
    ColApprox,
    ColCategory,
    ColSection,
    FilterCategory,
    FilterSection,
    FilterSearch,
    All,
    NoMetrics,
    MetricsShown,
    ExportCsv,
    CompareTitle,
    CompareNote,
    CompareHeadingsCol,
    CompareFinesCol,
    CompareMissing,
    ExportSummary,
    ExportAllMetrics,
    ExportXlsx,
    ExportJson,
    ChartsTitle,
    ChartsLoading,
    ChartsFailed,
    ChartsRetry,
    ChartsNote,
    ChartCountByCategory,
    ChartSumByCategory,
    ChartPerSection,
    ChartCount,
    ChartPer1000,
    ChartSum,
    WholeText,
    SaveImage,
    TipChange,
    SkipToReport,
    Analysing,
    DecodeWarningLabel,
    DecodeWarningNote,
}

impl K {
    /// The string for `lang`.
    #[must_use]
    pub const fn t(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Self::Tagline => (
                "阅读法治政府建设年度报告：结构、必备内容与数据一目了然",
                "Read annual rule-of-law government reports: structure, required parts and figures at a glance",
            ),
            Self::Privacy => (
                "全部分析在本机浏览器中完成，报告内容不会上传。",
                "Everything runs in your browser; no byte of a report leaves this machine.",
            ),
            Self::LangToggle => ("English", "中文"),
            Self::LangToggleLabel => ("切换到英文界面", "Switch the interface to Chinese"),
            Self::ThemeToDark => ("深色", "Dark"),
            Self::ThemeToLight => ("浅色", "Light"),
            Self::PastePlaceholder => (
                "在此粘贴报告全文（可直接从政府网站复制），输入后自动分析…",
                "Paste a report here (copying from a government web page works); it is analysed as you type…",
            ),
            Self::PasteLabel => ("粘贴报告", "Paste a report"),
            Self::ChooseFiles => ("选择文件", "Choose files"),
            Self::FilesHint => (
                "支持 .txt（任意编码）、.html/.htm、.docx、.doc/.wps、文字版 .pdf，可多选，也可拖放到页面任意位置",
                "Accepts .txt (any encoding), .html/.htm, .docx, .doc/.wps and text PDFs; pick several, or drop them anywhere on the page",
            ),
            Self::DropHere => ("松开以载入文件", "Drop to load the files"),
            Self::DemoButton => ("示例报告", "Demo report"),
            Self::FileErrorPrefix => ("无法读取", "Could not read"),
            Self::DismissErrors => ("关闭提示", "Dismiss"),
            Self::ReportsLabel => ("已载入的报告", "Loaded reports"),
            Self::CloseReport => ("关闭", "Close"),
            Self::PastedText => ("粘贴的文本", "Pasted text"),
            Self::DemoName => ("示例报告（虚构）", "Demo report (fictional)"),
            Self::EmptyTitle => ("尚未载入报告", "No report loaded yet"),
            Self::EmptyBody => (
                "粘贴报告文本、选择或拖入文件，或点击“示例报告”看看效果。",
                "Paste a report, choose or drop files, or try the demo report.",
            ),
            Self::Agency => ("发布机关", "Issuing body"),
            Self::Year => ("报告年度", "Year covered"),
            Self::Published => ("落款日期", "Dated"),
            Self::FileName => ("文件", "File"),
            Self::Size => ("大小", "Size"),
            Self::Encoding => ("编码", "Encoding"),
            Self::Unknown => ("未识别", "not found"),
            Self::Bytes => ("字节", "bytes"),
            Self::PartsTitle => ("必备内容", "Required parts"),
            Self::PartMissing => ("缺失", "missing"),
            Self::OutlineTitle => ("目录", "Outline"),
            Self::NoHeadings => ("未识别到编号标题", "No numbered headings found"),
            Self::TextTitle => ("报告原文", "Report text"),
            Self::Legend => ("图例", "Legend"),
            Self::LegendHeading => ("标题", "Heading"),
            Self::LegendMetric => ("数据指标", "Figure"),
            Self::LegendDimmed => ("网页杂项或重复正文", "Page boilerplate or repeated body"),
            Self::LegendNoPart => ("未归入必备内容", "No required part"),
            Self::DiagnosticsTitle => ("诊断", "Diagnostics"),
            Self::NoDiagnostics => ("没有需要提示的问题。", "Nothing to report."),
            Self::DiagnosticNoSpan => ("（涉及全文，无具体位置）", "(about the whole text; no position)"),
            Self::Info => ("提示", "Info"),
            Self::Warning => ("注意", "Warning"),
            Self::MetricsTitle => ("数据指标", "Figures"),
            Self::ColText => ("原文", "Text"),
            Self::ColSubject => ("指标", "Subject"),
            Self::ColValue => ("数值", "Value"),
            Self::ColUnit => ("单位", "Unit"),
            Self::ColApprox => ("约数", "Approx."),
            Self::ColCategory => ("类别", "Category"),
            Self::ColSection => ("章节", "Section"),
            Self::FilterCategory => ("按类别", "Category"),
            Self::FilterSection => ("按章节", "Section"),
            Self::FilterSearch => ("搜索", "Search"),
            Self::All => ("全部", "All"),
            Self::NoMetrics => ("没有符合条件的数据指标。", "No figures match."),
            Self::MetricsShown => ("条 / 共", "shown of"),
            Self::ExportCsv => ("导出 CSV", "Export CSV"),
            Self::CompareTitle => ("报告对比", "Compare reports"),
            Self::CompareNote => (
                "每份已载入的报告一行；点击文件名查看该报告。表中只列出至少一份报告有数据的类别，导出的对比表列出全部类别。",
                "One row per loaded report; click a file name to view it. Only categories some report has figures in are shown here; the exported table lists all of them.",
            ),
            Self::CompareHeadingsCol => ("标题数", "Headings"),
            Self::CompareFinesCol => ("罚没金额合计（元）", "Fines total (yuan)"),
            Self::CompareMissing => ("缺少：", "Missing: "),
            Self::ExportSummary => ("导出对比表 CSV", "Export comparison CSV"),
            Self::ExportAllMetrics => ("导出全部指标 CSV", "Export all figures CSV"),
            Self::ExportXlsx => ("导出 Excel", "Export Excel"),
            Self::ExportJson => ("导出 JSON", "Export JSON"),
            Self::ChartsTitle => ("图表", "Charts"),
            Self::ChartsLoading => ("正在载入图表…", "Loading charts…"),
            Self::ChartsFailed => (
                "图表组件没能载入（可能是网络中断）。报告的其他内容不受影响。",
                "The chart component did not load (the network may be down). The rest of the report is not affected.",
            ),
            Self::ChartsRetry => ("重新载入图表", "Load the charts again"),
            Self::ChartsNote => (
                "合计只加同一单位的数值，百分比和“零X”不参与合计；每千字指标数衡量一节写得有多具体。",
                "Sums only add figures of the same unit and leave out percentages and 零X; figures per 1000 characters show how concrete a section is.",
            ),
            Self::ChartCountByCategory => ("各类别指标数量", "Figures per category"),
            Self::ChartSumByCategory => ("各类别数值合计（按单位，对数轴）", "Sums by category and unit (log axis)"),
            Self::ChartPerSection => ("各章节的数据密度", "Figures per section"),
            Self::ChartCount => ("指标数", "Figures"),
            Self::ChartPer1000 => ("每千字指标数", "Figures per 1000 chars"),
            Self::ChartSum => ("合计", "Sum"),
            Self::WholeText => ("全文", "Whole text"),
            Self::SaveImage => ("保存为图片", "Save as image"),
            Self::TipChange => ("变化", "Change"),
            Self::SkipToReport => ("跳到报告", "Skip to the report"),
            Self::Analysing => ("正在分析…", "Analysing…"),
            Self::DecodeWarningLabel => ("读取", "Reading"),
            Self::DecodeWarningNote => (
                "文件已读取，但文字与原文件不完全一致；相关位置的分析可能不准确。",
                "The file was read, but the text is not exactly the file's; the analysis may be off where this happened.",
            ),
        };
        lang.pick(zh, en)
    }
}

/// The name of a required part.
#[must_use]
pub const fn part_name(part: RequiredPart, lang: Lang) -> &'static str {
    part.name(lang)
}

/// The name of an approximation marker.
#[must_use]
pub const fn approx_name(approx: Approx, lang: Lang) -> &'static str {
    approx.name(lang)
}

#[must_use]
pub const fn change_name(change: Change, lang: Lang) -> &'static str {
    change.name(lang)
}

#[must_use]
pub const fn severity_name(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Info => K::Info.t(lang),
        Severity::Warning => K::Warning.t(lang),
    }
}

/// What the decoder repaired or left out while reading a file, in one language.
#[must_use]
pub fn decode_warning(warning: &DecodeWarning, lang: Lang) -> String {
    match (warning, lang) {
        (DecodeWarning::ReplacedInvalidBytes { count }, Lang::Zh) => format!(
            "文件中有 {count} 个无法按所识别编码读取的字节，已替换为 \u{fffd}（文件可能已损坏或混用了编码）"
        ),
        (DecodeWarning::ReplacedInvalidBytes { count }, Lang::En) => format!(
            "{count} {} could not be read in the detected encoding and {} replaced by \u{fffd} (the file may be damaged or mix encodings)",
            if *count == 1 { "byte" } else { "bytes" },
            if *count == 1 { "was" } else { "were" },
        ),
        (DecodeWarning::TruncatedAtEnd, Lang::Zh) => {
            "文件在一个字符中间结束，已舍去这个不完整的字符（文件可能被截断）".to_owned()
        }
        (DecodeWarning::TruncatedAtEnd, Lang::En) => {
            "The file ends in the middle of a character, which was dropped (the file may be cut short)".to_owned()
        }
        (DecodeWarning::OutputCapped { limit }, Lang::Zh) => {
            format!("文字超过 {limit} 字节的上限，其后的内容未读取")
        }
        (DecodeWarning::OutputCapped { limit }, Lang::En) => {
            format!("The text is longer than the {limit}-byte limit; the rest was not read")
        }
        (DecodeWarning::ListLabelsCapped { limit }, Lang::Zh) => {
            format!("Word 列表编号超过 {limit} 个字符，已截断")
        }
        (DecodeWarning::ListLabelsCapped { limit }, Lang::En) => {
            format!("Word list numbers longer than {limit} characters were cut short")
        }
        (DecodeWarning::NestingTooDeep { limit }, Lang::Zh) => {
            format!("Word 文档中嵌套超过 {limit} 层的内容未读取")
        }
        (DecodeWarning::NestingTooDeep { limit }, Lang::En) => {
            format!("Content nested deeper than {limit} levels in the Word document was not read")
        }
    }
}

/// The key of a decode warning (its `kind` in JSON), for `data-kind`.
#[must_use]
pub const fn decode_warning_kind(warning: &DecodeWarning) -> &'static str {
    match warning {
        DecodeWarning::ReplacedInvalidBytes { .. } => "replaced_invalid_bytes",
        DecodeWarning::TruncatedAtEnd => "truncated_at_end",
        DecodeWarning::OutputCapped { .. } => "output_capped",
        DecodeWarning::ListLabelsCapped { .. } => "list_labels_capped",
        DecodeWarning::NestingTooDeep { .. } => "nesting_too_deep",
    }
}

/// The name of a metric category (the core's category table).
#[must_use]
pub fn category_name(category: Category, lang: Lang) -> &'static str {
    category.name(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_warnings_in_each_language() {
        let all = [
            DecodeWarning::ReplacedInvalidBytes { count: 1 },
            DecodeWarning::ReplacedInvalidBytes { count: 3 },
            DecodeWarning::TruncatedAtEnd,
            DecodeWarning::OutputCapped { limit: 20 },
            DecodeWarning::ListLabelsCapped { limit: 64 },
            DecodeWarning::NestingTooDeep { limit: 256 },
        ];
        for w in &all {
            let (zh, en) = (decode_warning(w, Lang::Zh), decode_warning(w, Lang::En));
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(en.is_ascii() || en.contains('\u{fffd}'), "{en}");
            // data-kind is the warning's own JSON tag.
            let json = serde_json::to_value(w).expect("json");
            assert_eq!(json["kind"], decode_warning_kind(w));
        }
        assert!(decode_warning(&all[0], Lang::En).starts_with("1 byte could not be read"));
        assert!(decode_warning(&all[1], Lang::En).starts_with("3 bytes could not be read"));
        assert!(decode_warning(&all[1], Lang::En).contains("were replaced"));
    }
}
