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
    // The workspace: report list, batch progress, sessions.
    ListSearch,
    ListAllYears,
    ListMissingOnly,
    ListProblemsOnly,
    ListSortLabel,
    ListSortLoaded,
    ListSortMetrics,
    ListSortMissing,
    ListAscending,
    ListDescending,
    ListMetricsUnit,
    ListMissingPrefix,
    ListNoMatch,
    ProgressLabel,
    ProgressDone,
    CancelBatch,
    SaveSession,
    SaveSessionTitle,
    ClearAll,
    ClearAllTitle,
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
            Self::ListSearch => ("搜索文件名或发布机关", "Search by file name or issuing body"),
            Self::ListAllYears => ("全部年度", "All years"),
            Self::ListMissingOnly => ("缺必备内容", "Missing parts"),
            Self::ListProblemsOnly => ("有警告", "With warnings"),
            Self::ListSortLabel => ("排序", "Sort by"),
            Self::ListSortLoaded => ("载入顺序", "Order opened"),
            Self::ListSortMetrics => ("数据项数", "Figures"),
            Self::ListSortMissing => ("缺项数", "Parts missing"),
            Self::ListAscending => ("升序（点击改为降序）", "Ascending (click for descending)"),
            Self::ListDescending => ("降序（点击改为升序）", "Descending (click for ascending)"),
            Self::ListMetricsUnit => ("项数据", "figures"),
            Self::ListMissingPrefix => ("缺", "missing"),
            Self::ListNoMatch => ("没有符合条件的报告。", "No report matches."),
            Self::ProgressLabel => ("正在分析", "Analysing"),
            Self::ProgressDone => ("分析完成", "Analysed"),
            Self::CancelBatch => ("取消", "Cancel"),
            Self::SaveSession => ("保存会话", "Save session"),
            Self::SaveSessionTitle => ("把已打开的报告、筛选和备注保存为一个文件，可在其他电脑上打开", "Save the open reports, filters and notes as one file, to open on another machine"),
            Self::ClearAll => ("清空", "Clear all"),
            Self::ClearAllTitle => ("关闭全部报告，并清除本机保存的会话", "Close every report and forget the session kept in this browser"),
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

/// A size as people read it: `20 MB`, `512 KB`, `900 B` (1 KB = 1024 bytes).
#[must_use]
pub fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    let one_decimal = |n: u64, unit: u64| {
        let tenths = (n * 10 + unit / 2) / unit;
        if tenths % 10 == 0 {
            format!("{}", tenths / 10)
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        }
    };
    if bytes >= MB {
        format!("{} MB", one_decimal(bytes, MB))
    } else if bytes >= KB {
        format!("{} KB", one_decimal(bytes, KB))
    } else {
        format!("{bytes} B")
    }
}

/// A workspace notice in the interface language.
#[must_use]
pub fn notice_text(notice: &crate::state::Notice, lang: Lang) -> String {
    use crate::session::SessionError;
    use crate::state::Notice;
    let zh = lang == Lang::Zh;
    match notice {
        Notice::Duplicate { name, of } => {
            if zh {
                format!("{name} 与已打开的 {of} 内容相同，未重复打开。")
            } else {
                format!("{name} has the same content as {of}, which is open already; not opened twice.")
            }
        }
        Notice::TooLarge { name, size, limit } => {
            let (size, limit) = (human_size(*size), human_size(*limit));
            match (name.is_empty(), zh) {
                (true, true) => format!("粘贴的文字过大（{size}），上限 {limit}，未分析。"),
                (true, false) => {
                    format!("The pasted text is too large ({size}; the limit is {limit}): not analysed.")
                }
                (false, true) => format!("{name} 过大（{size}），上限 {limit}，未读取。"),
                (false, false) => {
                    format!("{name} is too large ({size}; the limit is {limit}): not read.")
                }
            }
        }
        Notice::NotASession { name, problem } => match (problem, zh) {
            (SessionError::NotJson, true) => format!("{name} 不是有效的 JSON 文件，无法作为会话打开。"),
            (SessionError::NotJson, false) => {
                format!("{name} is not valid JSON: it cannot be opened as a session.")
            }
            (SessionError::NotASession, true) => format!(
                "{name} 不是本工具保存的会话文件（分析结果导出的 JSON 不能再载入），未打开。"
            ),
            (SessionError::NotASession, false) => format!(
                "{name} is not a session file saved by this app (an exported analysis cannot be loaded back): not opened."
            ),
            (SessionError::UnsupportedVersion(v), true) => {
                format!("{name} 是更新版本（版本 {v}）保存的会话，本版本无法打开。")
            }
            (SessionError::UnsupportedVersion(v), false) => format!(
                "{name} was saved by a newer version of the app (version {v}); this one cannot open it."
            ),
            (SessionError::Damaged(_), true) => format!("{name} 中的会话已损坏，无法打开。"),
            (SessionError::Damaged(_), false) => {
                format!("The session in {name} is damaged and cannot be opened.")
            }
        },
        Notice::StorageFull => if zh {
            "浏览器的存储空间已满，会话未能保存在本机；已打开的报告都还在。可用“保存会话”保存为文件。"
        } else {
            "The browser's storage is full, so the session is not kept here; every open report is still open. Use “Save session” to keep it as a file."
        }
        .to_owned(),
        Notice::StorageFailed(_) => if zh {
            "浏览器不允许在本机保存会话（如隐私模式），刷新后报告不会保留；已打开的报告都还在。可用“保存会话”保存为文件。"
        } else {
            "This browser does not let the session be kept (private mode?), so a reload will not bring the reports back; every open report is still open. Use “Save session” to keep it as a file."
        }
        .to_owned(),
        Notice::Cancelled { left } => {
            if zh {
                format!("已取消，{left} 个文件未分析；已完成的报告保留。")
            } else {
                format!("Cancelled: {left} files not analysed; the finished reports stay open.")
            }
        }
        Notice::Restored { reports } => {
            if zh {
                format!("已打开会话：{reports} 份报告。")
            } else {
                format!("Session opened: {reports} reports.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        for (bytes, want) in [
            (0, "0 B"),
            (900, "900 B"),
            (1024, "1 KB"),
            (1536, "1.5 KB"),
            (20 * 1024 * 1024, "20 MB"),
            (20 * 1024 * 1024 + 1, "20 MB"),
            (25 * 1024 * 1024 / 10, "2.5 MB"),
        ] {
            assert_eq!(human_size(bytes), want, "{bytes}");
        }
    }

    #[test]
    fn notices_in_each_language() {
        use crate::session::SessionError;
        use crate::state::Notice;
        let all = [
            Notice::Duplicate {
                name: "a.txt".into(),
                of: "b.txt".into(),
            },
            Notice::TooLarge {
                name: "big.pdf".into(),
                size: 31 * 1024 * 1024,
                limit: 20 * 1024 * 1024,
            },
            Notice::TooLarge {
                name: String::new(),
                size: 21 * 1024 * 1024,
                limit: 20 * 1024 * 1024,
            },
            Notice::NotASession {
                name: "x.json".into(),
                problem: SessionError::NotASession,
            },
            Notice::NotASession {
                name: "x.json".into(),
                problem: SessionError::Damaged("raw serde text".into()),
            },
            Notice::StorageFull,
            Notice::StorageFailed("raw idb text".into()),
            Notice::Cancelled { left: 3 },
            Notice::Restored { reports: 2 },
        ];
        for n in &all {
            let (zh, en) = (notice_text(n, Lang::Zh), notice_text(n, Lang::En));
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en}"
            );
            // No library text reaches the reader.
            assert!(!zh.contains("raw") && !en.contains("raw"), "{en}");
        }
        assert!(notice_text(&all[1], Lang::En).contains("31 MB"));
        assert!(notice_text(&all[1], Lang::Zh).contains("上限 20 MB"));
    }

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
