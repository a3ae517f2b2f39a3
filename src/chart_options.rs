//! ECharts options as typed structs, serialised to JSON for `setOption`. The numbers are
//! counts and sums of what the analysis already holds.

use fazhi_core::{Analysis, Category, HeadingLevel};
use serde::Serialize;

use crate::i18n::{category_name, Lang, K};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EChartsOption {
    pub background_color: &'static str,
    /// Milliseconds of the bars' growing animation.
    pub animation_duration: u32,
    pub title: Title,
    pub tooltip: Tooltip,
    pub toolbox: Toolbox,
    pub grid: Grid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legend: Option<Legend>,
    pub x_axis: Vec<Axis>,
    pub y_axis: Vec<Axis>,
    pub series: Vec<Series>,
    pub aria: Aria,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Title {
    pub text: String,
    pub left: &'static str,
    #[serde(rename = "textStyle")]
    pub text_style: TextStyle,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TextStyle {
    pub font_size: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Tooltip {
    pub trigger: &'static str,
    pub axis_pointer: AxisPointer,
    pub confine: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AxisPointer {
    #[serde(rename = "type")]
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Toolbox {
    pub right: u32,
    pub feature: Feature,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Feature {
    pub save_as_image: SaveAsImage,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SaveAsImage {
    pub title: &'static str,
    pub name: String,
    pub pixel_ratio: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Grid {
    pub left: u32,
    pub right: u32,
    pub top: u32,
    pub bottom: u32,
    pub contain_label: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Legend {
    pub bottom: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_field_names)] // ECharts' own names.
pub struct Axis {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub inverse: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<&'static str>,
    pub axis_label: AxisLabel,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_interval: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AxisLabel {
    /// `0` shows every category label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overflow: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub data: Vec<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x_axis_index: Option<u32>,
    pub label: SeriesLabel,
    pub bar_max_width: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SeriesLabel {
    pub show: bool,
    pub position: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Aria {
    pub enabled: bool,
}

/// One chart to draw: its option and the height its container needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub key: &'static str,
    pub option: EChartsOption,
    pub height: u32,
}

impl ChartSpec {
    #[must_use]
    pub fn json(&self) -> String {
        serde_json::to_string(&self.option).unwrap_or_else(|_| "{}".to_owned())
    }
}

fn height_for(rows: usize) -> u32 {
    (rows as u32)
        .saturating_mul(26)
        .saturating_add(110)
        .max(260)
}

fn category_axis(labels: Vec<String>) -> Axis {
    Axis {
        kind: "category",
        data: Some(labels),
        name: None,
        inverse: true,
        position: None,
        axis_label: AxisLabel {
            interval: Some(0),
            width: Some(190),
            overflow: Some("truncate"),
        },
        min_interval: None,
    }
}

fn value_axis(kind: &'static str, name: Option<String>) -> Axis {
    Axis {
        kind,
        data: None,
        name,
        inverse: false,
        position: None,
        axis_label: AxisLabel {
            interval: None,
            width: None,
            overflow: None,
        },
        min_interval: (kind == "value").then_some(1.0),
    }
}

fn bar(name: String, data: Vec<f64>, x_axis_index: Option<u32>) -> Series {
    Series {
        name,
        kind: "bar",
        data,
        x_axis_index,
        label: SeriesLabel {
            show: true,
            position: "right",
        },
        bar_max_width: 22,
    }
}

fn base(
    title: &str,
    lang: Lang,
    file_stem: &str,
    y: Axis,
    x: Vec<Axis>,
    series: Vec<Series>,
) -> EChartsOption {
    let two_axes = x.len() > 1;
    EChartsOption {
        background_color: "transparent",
        animation_duration: 400,
        title: Title {
            text: title.to_owned(),
            left: "left",
            text_style: TextStyle { font_size: 14 },
        },
        tooltip: Tooltip {
            trigger: "axis",
            axis_pointer: AxisPointer { kind: "shadow" },
            confine: true,
        },
        toolbox: Toolbox {
            right: 8,
            feature: Feature {
                save_as_image: SaveAsImage {
                    title: K::SaveImage.t(lang),
                    name: file_stem.to_owned(),
                    pixel_ratio: 2,
                },
            },
        },
        grid: Grid {
            left: 12,
            right: 48,
            top: if two_axes { 64 } else { 40 },
            bottom: if series.len() > 1 { 40 } else { 16 },
            contain_label: true,
        },
        legend: (series.len() > 1).then_some(Legend { bottom: 4 }),
        x_axis: x,
        y_axis: vec![y],
        series,
        aria: Aria { enabled: true },
    }
}

/// Counts of metrics per category (categories that occur, most first).
#[must_use]
pub fn counts_by_category(analysis: &Analysis) -> Vec<(Category, usize)> {
    let mut counts: Vec<(Category, usize)> = Category::ALL
        .iter()
        .map(|&c| {
            (
                c,
                analysis.metrics.iter().filter(|m| m.category == c).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    // Stable: ties keep the core's table order.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// Sums of positive values per (category, unit), categories in [`counts_by_category`]
/// order; values in different units are not added, and percentages (or unitless 零X) are
/// never summed.
#[must_use]
pub fn sums_by_category_unit(analysis: &Analysis) -> Vec<(Category, String, f64)> {
    let mut out: Vec<(Category, String, f64)> = Vec::new();
    for (c, _) in counts_by_category(analysis) {
        for m in analysis.metrics.iter().filter(|m| m.category == c) {
            if !(m.value_f64.is_finite() && m.value_f64 > 0.0) || m.unit.is_empty() || m.unit == "%"
            {
                continue;
            }
            match out.iter_mut().find(|(oc, u, _)| *oc == c && *u == m.unit) {
                Some(entry) => entry.2 += m.value_f64,
                None => out.push((c, m.unit.clone(), m.value_f64)),
            }
        }
    }
    out
}

/// For each level-1 and level-2 heading: label, metrics in its section, section length in
/// characters. Without headings, one row for the whole body.
#[must_use]
pub fn per_section(text: &str, analysis: &Analysis, lang: Lang) -> Vec<(String, usize, usize)> {
    let rows: Vec<(String, usize, usize)> = analysis
        .headings
        .iter()
        .filter(|h| matches!(h.level, HeadingLevel::L1 | HeadingLevel::L2))
        .map(|h| {
            let n = analysis
                .metrics
                .iter()
                .filter(|m| h.section.contains(m.span.start))
                .count();
            let chars = h.section.slice(text).chars().count();
            let indent = if h.level == HeadingLevel::L2 {
                "　"
            } else {
                ""
            };
            let title: String = h.title.chars().take(16).collect();
            (format!("{indent}{}{title}", h.marker), n, chars)
        })
        .collect();
    if rows.is_empty() {
        let chars = analysis.body.slice(text).chars().count();
        return vec![(
            K::WholeText.t(lang).to_owned(),
            analysis.metrics.len(),
            chars,
        )];
    }
    rows
}

/// The three charts of one report.
#[must_use]
pub fn charts(text: &str, analysis: &Analysis, lang: Lang, file_stem: &str) -> Vec<ChartSpec> {
    let counts = counts_by_category(analysis);
    let count_chart = {
        let labels = counts
            .iter()
            .map(|(c, _)| category_name(*c, lang).to_owned())
            .collect();
        let data = counts.iter().map(|(_, n)| *n as f64).collect();
        ChartSpec {
            key: "by-category",
            height: height_for(counts.len()),
            option: base(
                K::ChartCountByCategory.t(lang),
                lang,
                &format!("{file_stem}-categories"),
                category_axis(labels),
                vec![value_axis("value", None)],
                vec![bar(K::ChartCount.t(lang).to_owned(), data, None)],
            ),
        }
    };
    let sums = sums_by_category_unit(analysis);
    let sum_chart = {
        let labels = sums
            .iter()
            .map(|(c, unit, _)| {
                if unit.is_empty() {
                    category_name(*c, lang).to_owned()
                } else {
                    format!("{}（{unit}）", category_name(*c, lang))
                }
            })
            .collect();
        let data = sums
            .iter()
            .map(|(_, _, v)| (v * 100.0).round() / 100.0)
            .collect();
        ChartSpec {
            key: "sums",
            height: height_for(sums.len()),
            option: base(
                K::ChartSumByCategory.t(lang),
                lang,
                &format!("{file_stem}-sums"),
                category_axis(labels),
                vec![value_axis("log", None)],
                vec![bar(K::ChartSum.t(lang).to_owned(), data, None)],
            ),
        }
    };
    let sections = per_section(text, analysis, lang);
    let section_chart = {
        let labels = sections.iter().map(|(l, _, _)| l.clone()).collect();
        let counts = sections.iter().map(|(_, n, _)| *n as f64).collect();
        let density = sections
            .iter()
            .map(|(_, n, chars)| {
                if *chars == 0 {
                    0.0
                } else {
                    (*n as f64 * 1000.0 / *chars as f64 * 10.0).round() / 10.0
                }
            })
            .collect();
        ChartSpec {
            key: "sections",
            height: height_for(sections.len() * 2),
            option: base(
                K::ChartPerSection.t(lang),
                lang,
                &format!("{file_stem}-sections"),
                category_axis(labels),
                // The legend names the two axes' series.
                vec![
                    value_axis("value", None),
                    Axis {
                        position: Some("top"),
                        min_interval: None,
                        ..value_axis("value", None)
                    },
                ],
                vec![
                    bar(K::ChartCount.t(lang).to_owned(), counts, Some(0)),
                    bar(K::ChartPer1000.t(lang).to_owned(), density, Some(1)),
                ],
            ),
        }
    };
    vec![count_chart, sum_chart, section_chart]
}

/// One headline indicator of the trend view: the category, the units whose figures are
/// added up, its name, and the divisor for display (罚没金额 in 万元).
pub struct Headline {
    pub category: Category,
    pub units: &'static [&'static str],
    pub zh: &'static str,
    pub en: &'static str,
    pub divisor: f64,
}

/// 行政处罚案件, 罚没金额, 行政许可, 复议/诉讼, 培训, 检查: the figures a reviewer follows
/// from year to year. Each is the sum of the report's figures of that category in those
/// units, less the figures that are parts of a total stated before them (`52件，其中维持31件`
/// counts 52; the rule and what it misses: `fazhi_core::metrics::totals`).
pub const HEADLINES: [Headline; 6] = [
    Headline {
        category: Category::PenaltyCases,
        units: &["件", "起", "宗", "个"],
        zh: "行政处罚案件",
        en: "penalty cases",
        divisor: 1.0,
    },
    Headline {
        category: Category::Fines,
        units: &["元"],
        zh: "罚没金额（万元）",
        en: "fines (10k yuan)",
        divisor: 10_000.0,
    },
    Headline {
        category: Category::Licensing,
        units: &["件", "项"],
        zh: "行政许可",
        en: "licences",
        divisor: 1.0,
    },
    Headline {
        category: Category::ReconsiderationLitigation,
        units: &["件", "起", "宗"],
        zh: "复议/诉讼",
        en: "reconsideration / litigation",
        divisor: 1.0,
    },
    Headline {
        category: Category::Training,
        units: &["人次", "人", "场", "期"],
        zh: "培训",
        en: "training",
        divisor: 1.0,
    },
    Headline {
        category: Category::Inspections,
        units: &["家次", "次", "家"],
        zh: "检查",
        en: "inspections",
        divisor: 1.0,
    },
];

/// One report's headline indicators, in [`HEADLINES`] order.
pub type HeadlineValues = [f64; HEADLINES.len()];

/// The headline indicators of one report (its text and its analysis; 0 where it gives
/// none). A figure that is a part of an earlier total (`fazhi_core::metrics::parts_of_totals`)
/// is left out: the total already holds it.
#[must_use]
pub fn headline_values(text: &str, analysis: &Analysis) -> HeadlineValues {
    let parts = fazhi_core::metrics::parts_of_totals(text, &analysis.metrics);
    HEADLINES.map(|h| {
        let sum: f64 = analysis
            .metrics
            .iter()
            .zip(&parts)
            .filter(|(_, part)| !**part)
            .map(|(m, _)| m)
            .filter(|m| m.category == h.category && h.units.contains(&m.unit.as_str()))
            .filter(|m| m.value_f64.is_finite() && m.value_f64 > 0.0)
            .map(|m| m.value_f64)
            .sum();
        // `+ 0.0`: an empty sum is -0.0, which would show as "-0".
        (sum / h.divisor * 100.0).round() / 100.0 + 0.0
    })
}

/// The trend chart of one body: a group of bars per year, one bar per headline indicator
/// (each year's [`headline_values`]).
#[must_use]
pub fn trend_chart(agency: &str, years: &[(u16, HeadlineValues)], lang: Lang) -> ChartSpec {
    let labels = years.iter().map(|(y, _)| y.to_string()).collect();
    let series = HEADLINES
        .iter()
        .enumerate()
        .map(|(i, h)| {
            bar(
                lang.pick(h.zh, h.en).to_owned(),
                years.iter().map(|(_, v)| v[i]).collect(),
                None,
            )
        })
        .collect();
    let title = format!(
        "{agency} · {}",
        lang.pick("逐年主要数据", "headline figures by year")
    );
    ChartSpec {
        key: "trend",
        height: height_for(years.len() * HEADLINES.len()),
        option: base(
            &title,
            lang,
            &format!("{agency}-trend"),
            Axis {
                inverse: false,
                ..category_axis(labels)
            },
            vec![value_axis("value", None)],
            series,
        ),
    }
}

// ---- Comparison charts: the open reports side by side ----------------------------------

/// Above this many reports the comparison charts show a window of them with a zoom slider.
pub const COMPARE_WINDOW: usize = 12;

/// One comparison chart: an ECharts option (JSON value) and the height its container needs.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareSpec {
    pub key: &'static str,
    pub option: serde_json::Value,
    pub height: u32,
}

impl CompareSpec {
    #[must_use]
    pub fn json(&self) -> String {
        self.option.to_string()
    }
}

/// The reports' labels on the comparison charts: their position and name, so that two
/// files with one name stay two categories.
#[must_use]
pub fn compare_labels(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", i + 1))
        .collect()
}

/// Per headline indicator (in [`HEADLINES`] order), its value in each report (in order):
/// the reports' [`headline_values`], one row per indicator.
#[must_use]
pub fn headline_matrix(values: &[HeadlineValues]) -> Vec<Vec<f64>> {
    (0..HEADLINES.len())
        .map(|i| values.iter().map(|v| v[i]).collect())
        .collect()
}

/// Per report, whether each required part was found (in `RequiredPart::ALL` order).
#[must_use]
pub fn part_matrix(analyses: &[&Analysis]) -> Vec<[bool; 5]> {
    analyses
        .iter()
        .map(|a| {
            fazhi_core::RequiredPart::ALL
                .map(|p| a.parts.iter().any(|l| l.part == p && l.present()))
        })
        .collect()
}

/// A slider (and wheel zoom) over the report axis when there are more reports than fit.
fn report_zoom(reports: usize, axes: Vec<usize>) -> serde_json::Value {
    if reports <= COMPARE_WINDOW {
        return serde_json::json!([]);
    }
    serde_json::json!([
        { "type": "slider", "xAxisIndex": axes, "startValue": 0, "endValue": COMPARE_WINDOW - 1,
          "bottom": 4, "height": 18 },
        { "type": "inside", "xAxisIndex": axes, "startValue": 0, "endValue": COMPARE_WINDOW - 1 }
    ])
}

fn compare_base(title: &str, lang: Lang, key: &str) -> serde_json::Value {
    serde_json::json!({
        "backgroundColor": "transparent",
        "animationDuration": 400,
        "title": { "text": title, "left": "left", "textStyle": { "fontSize": 14 } },
        "toolbox": { "right": 8, "feature": { "saveAsImage": {
            "title": K::SaveImage.t(lang), "name": format!("compare-{key}"), "pixelRatio": 2 } } },
        "aria": { "enabled": true },
    })
}

/// How far down the comparison charts' title reaches (px; measured in Chromium, where its
/// line ended about 38 px down: at 60 px the first axis name ran into it).
const TITLE_BOTTOM: usize = 40;
/// The room a value axis' name takes above its grid (px): a 12 px line and ECharts' default
/// 15 px gap.
const AXIS_NAME_HEIGHT: usize = 30;
/// The first headline grid's top: its axis name clear of the title.
const HEADLINE_TOP: usize = TITLE_BOTTOM + AXIS_NAME_HEIGHT;
/// The report names under the last headline grid, rotated 30° and cut at 120 px.
const NAMES_HEIGHT: usize = 70;

/// Headline indicators across the open reports: one small bar chart per indicator, stacked,
/// each on its own value axis (its unit in the axis name), the reports along a shared order.
#[must_use]
pub fn compare_headline_chart(
    labels: &[String],
    values: &[HeadlineValues],
    lang: Lang,
) -> CompareSpec {
    const ROW: usize = 150;
    let matrix = headline_matrix(values);
    let zoom = labels.len() > COMPARE_WINDOW;
    let mut grids = Vec::new();
    let mut x_axes = Vec::new();
    let mut y_axes = Vec::new();
    let mut series = Vec::new();
    for (i, (h, values)) in HEADLINES.iter().zip(matrix).enumerate() {
        let last = i + 1 == HEADLINES.len();
        // The last grid holds the report names too (containLabel): it is taller by them.
        let height = ROW - 52 + if last { NAMES_HEIGHT } else { 0 };
        grids.push(serde_json::json!({
            "left": 12, "right": 24, "top": HEADLINE_TOP + i * ROW, "height": height,
            "containLabel": true
        }));
        x_axes.push(serde_json::json!({
            "type": "category", "gridIndex": i, "data": labels,
            "axisLabel": { "show": last, "interval": if zoom { "auto".into() } else { serde_json::json!(0) },
                           "rotate": 30, "width": 120, "overflow": "truncate" }
        }));
        let name = lang.pick(h.zh, h.en);
        y_axes.push(serde_json::json!({
            "type": "value", "gridIndex": i, "name": name, "nameLocation": "end",
            "nameTextStyle": { "align": "left" }, "splitNumber": 2
        }));
        series.push(serde_json::json!({
            "name": name, "type": "bar", "xAxisIndex": i, "yAxisIndex": i, "data": values,
            "barMaxWidth": 22, "label": { "show": !zoom, "position": "top" }
        }));
    }
    let n = HEADLINES.len();
    let mut option = compare_base(
        lang.pick(
            "主要数据对比（各指标单独坐标轴）",
            "Headline figures (one axis each)",
        ),
        lang,
        "headlines",
    );
    option["tooltip"] = serde_json::json!({ "trigger": "axis", "confine": true,
        "axisPointer": { "type": "shadow" } });
    option["grid"] = grids.into();
    option["xAxis"] = x_axes.into();
    option["yAxis"] = y_axes.into();
    option["series"] = series.into();
    option["dataZoom"] = report_zoom(labels.len(), (0..n).collect());
    CompareSpec {
        key: "headlines",
        option,
        height: u32::try_from(HEADLINE_TOP + n * ROW + NAMES_HEIGHT).unwrap_or(1000),
    }
}

/// The five required parts × the open reports: a two-colour heatmap (1 = present,
/// 0 = missing) with its legend in words.
#[must_use]
pub fn compare_parts_chart(labels: &[String], analyses: &[&Analysis], lang: Lang) -> CompareSpec {
    let matrix = part_matrix(analyses);
    let parts: Vec<&str> = fazhi_core::RequiredPart::ALL
        .iter()
        .map(|p| p.name(lang))
        .collect();
    let data: Vec<[usize; 3]> = matrix
        .iter()
        .enumerate()
        .flat_map(|(x, row)| {
            row.iter()
                .enumerate()
                .map(move |(y, present)| [x, y, usize::from(*present)])
        })
        .collect();
    let zoom = labels.len() > COMPARE_WINDOW;
    let mut option = compare_base(
        lang.pick("必备内容 × 报告", "Required parts × reports"),
        lang,
        "parts",
    );
    option["tooltip"] = serde_json::json!({ "trigger": "item", "confine": true });
    option["grid"] = serde_json::json!({ "left": 12, "right": 24, "top": 40,
        "bottom": if zoom { 96 } else { 70 }, "containLabel": true });
    option["xAxis"] = serde_json::json!({ "type": "category", "data": labels,
        "splitArea": { "show": true },
        "axisLabel": { "interval": if zoom { "auto".into() } else { serde_json::json!(0) },
                       "rotate": 30, "width": 120, "overflow": "truncate" } });
    option["yAxis"] = serde_json::json!({ "type": "category", "data": parts, "inverse": true,
        "splitArea": { "show": true } });
    option["visualMap"] = serde_json::json!({
        "type": "piecewise", "orient": "horizontal", "left": "center",
        "bottom": if zoom { 26 } else { 4 }, "dimension": 2,
        "pieces": [
            { "value": 1, "label": lang.pick("有", "present"), "color": "#3f9d5a" },
            { "value": 0, "label": lang.pick("缺", "missing"), "color": "#d9534f" }
        ]
    });
    option["series"] = serde_json::json!([{
        "name": lang.pick("必备内容", "required parts"), "type": "heatmap", "data": data,
        "label": { "show": !zoom, "formatter": "" },
        "itemStyle": { "borderColor": "#fff", "borderWidth": 1 }
    }]);
    option["dataZoom"] = report_zoom(labels.len(), vec![0]);
    CompareSpec {
        key: "parts",
        option,
        height: 360,
    }
}

/// Concreteness per report, from the review card: figures per 1,000 characters (left axis)
/// and the share of sentences carrying a figure, in % (right axis).
#[must_use]
pub fn compare_concreteness_chart(
    labels: &[String],
    concreteness: &[&fazhi_core::review::Concreteness],
    lang: Lang,
) -> CompareSpec {
    let per_1000: Vec<f64> = concreteness
        .iter()
        .map(|c| (c.per_1000 * 10.0).round() / 10.0)
        .collect();
    let share: Vec<f64> = concreteness
        .iter()
        .map(|c| (c.share() * 1000.0).round() / 10.0)
        .collect();
    let zoom = labels.len() > COMPARE_WINDOW;
    let per_name = lang.pick("数字/千字", "figures per 1,000 chars");
    let share_name = lang.pick("含数字句子占比（%）", "sentences with a figure (%)");
    let mut option = compare_base(lang.pick("具体程度", "Concreteness"), lang, "concreteness");
    option["tooltip"] = serde_json::json!({ "trigger": "axis", "confine": true,
        "axisPointer": { "type": "shadow" } });
    option["legend"] = serde_json::json!({ "bottom": 4 });
    option["grid"] = serde_json::json!({ "left": 12, "right": 24, "top": 56,
        "bottom": if zoom { 70 } else { 40 }, "containLabel": true });
    option["xAxis"] = serde_json::json!({ "type": "category", "data": labels,
        "axisLabel": { "interval": if zoom { "auto".into() } else { serde_json::json!(0) },
                       "rotate": 30, "width": 120, "overflow": "truncate" } });
    option["yAxis"] = serde_json::json!([
        { "type": "value", "name": per_name, "position": "left" },
        { "type": "value", "name": share_name, "position": "right", "max": 100 }
    ]);
    option["series"] = serde_json::json!([
        { "name": per_name, "type": "bar", "yAxisIndex": 0, "data": per_1000, "barMaxWidth": 22,
          "label": { "show": !zoom, "position": "top" } },
        { "name": share_name, "type": "bar", "yAxisIndex": 1, "data": share, "barMaxWidth": 22,
          "label": { "show": !zoom, "position": "top" } }
    ]);
    option["dataZoom"] = report_zoom(labels.len(), vec![0]);
    CompareSpec {
        key: "concreteness",
        option,
        height: 340,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_charts_serialise_with_echarts_names() {
        let text = crate::state::DEMO_TEXT;
        let analysis = fazhi_core::analyze(text);
        let specs = charts(text, &analysis, Lang::Zh, "demo");
        assert_eq!(specs.len(), 3);
        for s in &specs {
            let json = s.json();
            assert!(json.contains("\"xAxis\""), "{json}");
            assert!(json.contains("\"saveAsImage\""), "{json}");
            assert!(json.contains("\"type\":\"bar\""), "{json}");
            assert!(s.height >= 260);
        }
        let sections = per_section(text, &analysis, Lang::Zh);
        assert!(!sections.is_empty());
        let counts = counts_by_category(&analysis);
        assert!(counts.windows(2).all(|w| w[0].1 >= w[1].1), "most first");
    }

    /// A report's headline values, from its text.
    fn values(text: &str) -> HeadlineValues {
        headline_values(text, &fazhi_core::analyze(text))
    }

    #[test]
    fn trend_headlines_sum_their_units_by_year() {
        let a = values("一、成效\n全年立案查处行政处罚案件12起，罚款35万元，办理行政许可20件。");
        let b = values("一、成效\n全年立案查处行政处罚案件8起，罚款5.5万元。");
        assert!((a[0] - 12.0).abs() < 1e-9, "penalty cases");
        assert!((a[1] - 35.0).abs() < 1e-9, "fines in 万元");
        assert!((b[1] - 5.5).abs() < 1e-9);
        let spec = trend_chart("某局", &[(2022, a), (2023, b)], Lang::Zh);
        assert_eq!(spec.key, "trend");
        assert_eq!(
            spec.option.y_axis[0].data.as_deref(),
            Some(&["2022".to_owned(), "2023".to_owned()][..])
        );
        assert_eq!(spec.option.series.len(), HEADLINES.len());
        assert_eq!(spec.option.series[0].data, vec![12.0, 8.0]);
    }

    /// Three made-up reports: all parts but "other"; no first-responsible part and no
    /// next-year plan; no parts (plain text).
    fn three_texts() -> [&'static str; 3] {
        [
            "一、主要举措和成效\n全年立案查处行政处罚案件12起，罚款35万元，组织培训3期。\n\
             二、存在的不足和原因\n执法队伍力量不足。\n\
             三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人主持召开专题会议4次。\n\
             四、下一年度推进法治政府建设的主要安排\n持续推进依法行政。",
            "一、主要举措和成效\n办理行政许可20件，开展执法检查15次。\n\
             二、存在的不足和原因\n个别执法人员能力不足。",
            "今年工作平稳推进，无其他数据。",
        ]
    }

    fn three() -> Vec<Analysis> {
        three_texts()
            .iter()
            .map(|t| fazhi_core::analyze(t))
            .collect()
    }

    #[test]
    fn headlines_take_a_total_once_not_with_its_parts() {
        // Total + 其中 parts in one sentence: 52, not 52 + 31 + 4.
        let v = values("一、成效\n全年办理行政复议案件52件，其中维持31件、撤销4件。");
        assert_eq!(
            v.to_vec(),
            vec![0.0, 0.0, 0.0, 52.0, 0.0, 0.0],
            "reconsideration / litigation"
        );
        // 其中 at the start of the next sentence: 120, not 200.
        let v = values(
            "一、行政处罚\n共查处行政处罚案件120件。其中，简易程序处罚案件80件。罚款35万元（含没收违法所得5万元）。",
        );
        // Penalty cases; fines in 万元, the 含 part left out.
        assert_eq!(v.to_vec(), vec![120.0, 35.0, 0.0, 0.0, 0.0, 0.0]);
        // Two independent figures in two sentences, no 其中: both summed.
        let v = values("一、成效\n上半年组织培训300人次。下半年组织培训200人次。");
        assert_eq!(v.to_vec(), vec![0.0, 0.0, 0.0, 0.0, 500.0, 0.0], "training");
        // Different categories are unaffected: licences stay whole beside the cases.
        let v = values(
            "一、成效\n查处行政处罚案件120件，办理行政许可1200件，其中简易程序处罚案件80件。",
        );
        assert_eq!(v.to_vec(), vec![120.0, 0.0, 1200.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn compare_labels_keep_order_and_tell_same_names_apart() {
        assert_eq!(
            compare_labels(&["a.txt", "a.txt", "b"]),
            vec!["1 a.txt", "2 a.txt", "3 b"]
        );
        assert!(compare_labels(&[]).is_empty());
    }

    #[test]
    fn compare_headlines_one_row_per_indicator_one_value_per_report() {
        let reports = three();
        let values: Vec<HeadlineValues> = three_texts()
            .iter()
            .zip(&reports)
            .map(|(t, a)| headline_values(t, a))
            .collect();
        let m = headline_matrix(&values);
        assert_eq!(m.len(), HEADLINES.len());
        assert!(m.iter().all(|row| row.len() == 3));
        assert_eq!(m[0], vec![12.0, 0.0, 0.0], "penalty cases");
        assert!(
            m[0][1].is_sign_positive(),
            "no -0 for a report without figures"
        );
        assert_eq!(m[1], vec![35.0, 0.0, 0.0], "fines in 万元");
        assert_eq!(m[2], vec![0.0, 20.0, 0.0], "licences");
        let labels = compare_labels(&["x", "y", "z"]);
        let spec = compare_headline_chart(&labels, &values, Lang::En);
        let o = &spec.option;
        // One grid, one value axis and one series per indicator: no two units share an axis.
        assert_eq!(o["grid"].as_array().map(Vec::len), Some(HEADLINES.len()));
        assert_eq!(o["yAxis"].as_array().map(Vec::len), Some(HEADLINES.len()));
        for (i, h) in HEADLINES.iter().enumerate() {
            assert_eq!(o["series"][i]["yAxisIndex"], i);
            assert_eq!(o["yAxis"][i]["name"], h.en);
            assert_eq!(o["xAxis"][i]["data"][2], "3 z");
        }
        assert_eq!(o["series"][1]["data"], serde_json::json!([35.0, 0.0, 0.0]));
        assert_eq!(o["dataZoom"], serde_json::json!([]), "three reports fit");
        assert!(spec.json().contains("\"saveAsImage\""));

        // Each axis name has its room above its grid, clear of the title or the grid above;
        // the last grid and its report names end inside the chart.
        let px = |v: &serde_json::Value| v.as_u64().and_then(|n| usize::try_from(n).ok());
        let mut above = TITLE_BOTTOM;
        for (i, grid) in o["grid"].as_array().into_iter().flatten().enumerate() {
            let (Some(top), Some(height)) = (px(&grid["top"]), px(&grid["height"])) else {
                panic!("grid {i} has no top or height: {grid}");
            };
            assert!(
                top >= above + AXIS_NAME_HEIGHT,
                "grid {i}'s axis name overlaps: {top} < {above} + {AXIS_NAME_HEIGHT}"
            );
            above = top + height;
        }
        assert!(above <= spec.height as usize, "{above} > {}", spec.height);
    }

    #[test]
    fn compare_parts_marks_missing_cells() {
        let reports = three();
        let refs: Vec<&Analysis> = reports.iter().collect();
        let m = part_matrix(&refs);
        assert_eq!(m[0], [true, true, true, true, false]);
        assert_eq!(m[1], [true, true, false, false, false]);
        assert_eq!(m[2], [false; 5]);
        let spec = compare_parts_chart(&compare_labels(&["x", "y", "z"]), &refs, Lang::Zh);
        let data = spec.option["series"][0]["data"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(data.len(), 15, "five cells per report");
        // [report, part, present]: report 2 (index 1) lacks the first-responsible part.
        assert_eq!(data[5 + 2], serde_json::json!([1, 2, 0]));
        assert_eq!(data[0], serde_json::json!([0, 0, 1]));
        let missing = data.iter().filter(|c| c[2] == 0).count();
        assert_eq!(missing, 1 + 3 + 5);
        assert_eq!(spec.option["yAxis"]["data"][2], "主要负责人履职情况");
        let pieces = &spec.option["visualMap"]["pieces"];
        assert_eq!(pieces[0]["label"], "有");
        assert_eq!(pieces[1]["label"], "缺");
    }

    #[test]
    fn compare_concreteness_rounds_and_keeps_report_order() {
        use fazhi_core::review::Concreteness;
        let a = Concreteness {
            chars: 2000,
            figures: 9,
            per_1000: 4.5,
            sentences: 8,
            sentences_with_figure: 3,
        };
        let b = Concreteness::default();
        let spec = compare_concreteness_chart(&compare_labels(&["a", "b"]), &[&a, &b], Lang::En);
        let o = &spec.option;
        assert_eq!(o["series"][0]["data"], serde_json::json!([4.5, 0.0]));
        assert_eq!(
            o["series"][1]["data"],
            serde_json::json!([37.5, 0.0]),
            "3/8 as %"
        );
        assert_eq!(o["series"][1]["yAxisIndex"], 1, "% on its own axis");
        assert_eq!(o["xAxis"]["data"], serde_json::json!(["1 a", "2 b"]));
    }

    #[test]
    fn compare_many_reports_get_a_zoom_window() {
        let text = "一、主要举措和成效\n罚款3万元。";
        let a = fazhi_core::analyze(text);
        let refs: Vec<&Analysis> = std::iter::repeat_n(&a, 200).collect();
        let values = vec![headline_values(text, &a); 200];
        let names: Vec<String> = (0..200).map(|i| format!("r{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let labels = compare_labels(&names);
        for spec in [
            compare_headline_chart(&labels, &values, Lang::Zh),
            compare_parts_chart(&labels, &refs, Lang::Zh),
        ] {
            let zoom = &spec.option["dataZoom"];
            assert_eq!(zoom[0]["endValue"], COMPARE_WINDOW - 1, "{}", spec.key);
            assert_eq!(spec.option["series"][0]["label"]["show"], false);
        }
        let parts = compare_parts_chart(&labels, &refs, Lang::Zh);
        assert_eq!(
            parts.option["series"][0]["data"].as_array().map(Vec::len),
            Some(1000)
        );
    }
}
