//! Every string the interface shows, in Chinese and English, in one table.

use fazhi_core::decode::{DecodeError, DecodeWarning};
use fazhi_core::{Approx, Category, Change, RequiredPart, Severity};
use serde::{Deserialize, Serialize};

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
                "支持 .txt（任意编码）、.html/.htm、.docx、.doc/.wps、文字版 .pdf、.ofd，以及保存的会话 .json；可多选，也可拖放到页面任意位置",
                "Accepts .txt (any encoding), .html/.htm, .docx, .doc/.wps, .pdf (with a text layer), .ofd and saved sessions (.json); pick several, or drop them anywhere on the page",
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

/// Why a file could not be opened, as the interface says it: the decoder's reasons
/// ([`DecodeError`]) without the parsers' own wording, plus what can go wrong in the browser.
/// It crosses from the worker as JSON and is put into words only when shown, in the
/// language of the moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Empty,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Binary,
    Encrypted,
    InvalidDoc,
    WpsNotWord,
    InvalidPdf,
    PdfEncrypted,
    ScannedPdf,
    InvalidOfd,
    ScannedOfd,
    Unsupported {
        format: String,
    },
    InvalidDocx,
    ZipBomb {
        limit: u64,
    },
    /// The browser could not read the file (moved, deleted, no permission).
    ReadFailed,
    /// The analyser (the Web Worker) could not start, or stopped.
    AnalyserStopped,
}

impl From<&DecodeError> for Problem {
    fn from(e: &DecodeError) -> Self {
        let n = |v: usize| u64::try_from(v).unwrap_or(u64::MAX);
        match e {
            DecodeError::Empty => Self::Empty,
            DecodeError::TooLarge { size, limit } => Self::TooLarge {
                size: n(*size),
                limit: n(*limit),
            },
            DecodeError::Binary => Self::Binary,
            DecodeError::Encrypted => Self::Encrypted,
            DecodeError::InvalidDoc { .. } => Self::InvalidDoc,
            DecodeError::WpsNotWord => Self::WpsNotWord,
            DecodeError::InvalidPdf { .. } => Self::InvalidPdf,
            DecodeError::PdfEncrypted => Self::PdfEncrypted,
            DecodeError::ScannedPdf => Self::ScannedPdf,
            DecodeError::InvalidOfd { .. } => Self::InvalidOfd,
            DecodeError::ScannedOfd => Self::ScannedOfd,
            DecodeError::Unsupported { format } => Self::Unsupported {
                format: (*format).to_owned(),
            },
            DecodeError::InvalidDocx { .. } => Self::InvalidDocx,
            DecodeError::ZipBomb { limit } => Self::ZipBomb { limit: n(*limit) },
        }
    }
}

impl Problem {
    /// What went wrong and what to do, in one language, in plain words.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        const FORMATS_ZH: &str = ".txt、.html、.docx、.doc、.wps、.ofd 或文字版 .pdf";
        const FORMATS_EN: &str = ".txt, .html, .docx, .doc, .wps, .ofd or a text PDF";
        match (self, lang) {
            (Self::Empty, Lang::Zh) => "文件是空的，或其中没有文字。".to_owned(),
            (Self::Empty, Lang::En) => "The file is empty or holds no text.".to_owned(),
            (Self::TooLarge { size, limit }, Lang::Zh) => format!(
                "文件过大（{}），最大可读取 {}。",
                human_size(*size),
                human_size(*limit)
            ),
            (Self::TooLarge { size, limit }, Lang::En) => format!(
                "The file is too large ({}); the limit is {}.",
                human_size(*size),
                human_size(*limit)
            ),
            (Self::Binary, Lang::Zh) => format!("这不是文字文件。请使用 {FORMATS_ZH}。"),
            (Self::Binary, Lang::En) => format!("This is not a text document. Use {FORMATS_EN}."),
            (Self::Encrypted, Lang::Zh) => {
                "文件设有密码或已加密。请在 Word 中取消密码，另存为 .docx 后再打开。".to_owned()
            }
            (Self::Encrypted, Lang::En) => {
                "The file is password-protected. Remove the password in Word, save it as .docx and open that.".to_owned()
            }
            (Self::InvalidDoc, Lang::Zh) => {
                "这个旧版 Word 文档（.doc）无法读取，可能已损坏。请在 Word 中另存为 .docx 后再打开。".to_owned()
            }
            (Self::InvalidDoc, Lang::En) => {
                "This old Word document (.doc) cannot be read; it may be damaged. Save it as .docx in Word and open that.".to_owned()
            }
            (Self::WpsNotWord, Lang::Zh) => {
                "这是 WPS 自有格式的文档。请在 WPS 中另存为 .docx 后再打开。".to_owned()
            }
            (Self::WpsNotWord, Lang::En) => {
                "This document is in WPS's own format. Save it as .docx in WPS and open that.".to_owned()
            }
            (Self::InvalidPdf, Lang::Zh) => "这个 PDF 无法读取，可能已损坏。".to_owned(),
            (Self::InvalidPdf, Lang::En) => "This PDF cannot be read; it may be damaged.".to_owned(),
            (Self::PdfEncrypted, Lang::Zh) => "这个 PDF 设有密码。请取消密码后再打开。".to_owned(),
            (Self::PdfEncrypted, Lang::En) => {
                "This PDF is password-protected. Remove the password and open it again.".to_owned()
            }
            (Self::ScannedPdf, Lang::Zh) => {
                "这个 PDF 是扫描件：扫描件没有文字层，无法分析；请使用文字版 PDF 或 Word 文档。".to_owned()
            }
            (Self::ScannedPdf, Lang::En) => {
                "This PDF is a scan: a scan has no text layer and cannot be analysed. Use a text PDF or the Word document.".to_owned()
            }
            (Self::InvalidOfd, Lang::Zh) => "这个 OFD 文件无法读取，可能已损坏。".to_owned(),
            (Self::InvalidOfd, Lang::En) => "This OFD file cannot be read; it may be damaged.".to_owned(),
            (Self::ScannedOfd, Lang::Zh) => {
                "这个 OFD 是扫描件：扫描件没有文字层，无法分析；请使用文字版。".to_owned()
            }
            (Self::ScannedOfd, Lang::En) => {
                "This OFD is a scan: a scan has no text layer and cannot be analysed. Use a text version.".to_owned()
            }
            (Self::Unsupported { format }, Lang::Zh) => {
                format!("不支持 {format} 文件。请使用 {FORMATS_ZH}。")
            }
            (Self::Unsupported { format }, Lang::En) => {
                format!("{format} files are not supported. Use {FORMATS_EN}.")
            }
            (Self::InvalidDocx, Lang::Zh) => {
                "这个 Word 文档（.docx）无法读取，可能已损坏。".to_owned()
            }
            (Self::InvalidDocx, Lang::En) => {
                "This Word document (.docx) cannot be read; it may be damaged.".to_owned()
            }
            (Self::ZipBomb { limit }, Lang::Zh) => format!(
                "这个文件解压后超过 {}，可能已损坏。",
                human_size(*limit)
            ),
            (Self::ZipBomb { limit }, Lang::En) => format!(
                "This file unpacks to more than {}; it may be damaged.",
                human_size(*limit)
            ),
            (Self::ReadFailed, Lang::Zh) => {
                "浏览器无法读取这个文件（可能已被移动或删除）。请重新选择。".to_owned()
            }
            (Self::ReadFailed, Lang::En) => {
                "The browser could not read the file (it may have been moved or deleted). Choose it again.".to_owned()
            }
            (Self::AnalyserStopped, Lang::Zh) => {
                "分析程序未能运行。请重新载入页面后再试。".to_owned()
            }
            (Self::AnalyserStopped, Lang::En) => {
                "The analyser could not run. Reload the page and try again.".to_owned()
            }
        }
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

/// What the file picker offers (its `accept`): the extensions and media types of the
/// formats `fazhi_core::decode` reads, and saved sessions (`.json`). [`K::FilesHint`]
/// names each extension but `.text`.
pub const ACCEPTED_FILES: &str = ".txt,.text,.html,.htm,.docx,.doc,.wps,.pdf,.ofd,.json,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,application/pdf,application/ofd,application/json";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_hint_names_every_extension_the_picker_accepts() {
        let extensions: Vec<&str> = ACCEPTED_FILES
            .split(',')
            .filter(|a| a.starts_with('.') && *a != ".text")
            .collect();
        assert_eq!(extensions.len(), 9, "{extensions:?}");
        for lang in [Lang::Zh, Lang::En] {
            let hint = K::FilesHint.t(lang);
            for ext in &extensions {
                // Named whole: `.doc` not only as the start of `.docx`.
                let named = hint.match_indices(ext).any(|(i, _)| {
                    !hint[i + ext.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                });
                assert!(named, "{lang:?} hint misses {ext}: {hint}");
            }
        }
    }

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

    /// Every decode error has its own plain message in each language: Chinese text only in
    /// Chinese, no Chinese in English, human sizes, and none of the parser's own words.
    #[test]
    fn decode_errors_become_plain_messages() {
        let reason = "zip: invalid Zip archive: Could not find EOCD".to_owned();
        let all = [
            (DecodeError::Empty, Problem::Empty),
            (
                DecodeError::TooLarge {
                    size: 31_457_280,
                    limit: 20_971_520,
                },
                Problem::TooLarge {
                    size: 31_457_280,
                    limit: 20_971_520,
                },
            ),
            (DecodeError::Binary, Problem::Binary),
            (DecodeError::Encrypted, Problem::Encrypted),
            (
                DecodeError::InvalidDoc {
                    reason: reason.clone(),
                },
                Problem::InvalidDoc,
            ),
            (DecodeError::WpsNotWord, Problem::WpsNotWord),
            (
                DecodeError::InvalidPdf {
                    reason: reason.clone(),
                },
                Problem::InvalidPdf,
            ),
            (DecodeError::PdfEncrypted, Problem::PdfEncrypted),
            (DecodeError::ScannedPdf, Problem::ScannedPdf),
            (
                DecodeError::Unsupported { format: "XLSX" },
                Problem::Unsupported {
                    format: "XLSX".into(),
                },
            ),
            (
                DecodeError::InvalidDocx {
                    reason: reason.clone(),
                },
                Problem::InvalidDocx,
            ),
            (
                DecodeError::ZipBomb { limit: 20_971_520 },
                Problem::ZipBomb { limit: 20_971_520 },
            ),
        ];
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let mut seen = std::collections::HashSet::new();
        let browser = [Problem::ReadFailed, Problem::AnalyserStopped];
        for (error, want) in all
            .iter()
            .map(|(e, p)| (Some(e), p.clone()))
            .chain(browser.into_iter().map(|p| (None, p)))
        {
            let problem = error.map_or_else(|| want.clone(), Problem::from);
            assert_eq!(problem, want, "{error:?}");
            let (zh, en) = (problem.message(Lang::Zh), problem.message(Lang::En));
            assert!(han(&zh), "{zh}");
            assert!(!han(&en), "{en}");
            for m in [&zh, &en] {
                assert!(!m.contains("zip") && !m.contains("EOCD"), "{m}");
                assert!(!m.contains("20971520") && !m.contains("31457280"), "{m}");
            }
            assert!(seen.insert(zh.clone()), "one message per cause: {zh}");
            // It crosses from the worker as JSON and comes back the same.
            let json = serde_json::to_string(&problem).expect("json");
            assert_eq!(
                serde_json::from_str::<Problem>(&json).expect("parse"),
                problem
            );
        }
        let too_large = Problem::from(&all[1].0);
        assert_eq!(
            too_large.message(Lang::En),
            "The file is too large (30 MB); the limit is 20 MB."
        );
        assert_eq!(
            too_large.message(Lang::Zh),
            "文件过大（30 MB），最大可读取 20 MB。"
        );
    }
}
