//! The gold schema, version 1 (`../shared/corpus/README.md`): the hand-made expected
//! analysis of a report, and the conversion of an [`Analysis`] into the same shape so the
//! two can be compared.

use serde::{Deserialize, Serialize};

pub use fazhi_core::structure::normalize_marker;
use fazhi_core::{Analysis, RequiredPart};

/// One report's gold annotation (schema v1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldReport {
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<u16>,
    pub published: Option<String>,
    pub duplicate_body: bool,
    pub headings: Vec<GoldHeading>,
    pub parts: GoldParts,
    pub metrics: Vec<GoldMetric>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldHeading {
    pub level: u8,
    pub marker: String,
    pub title: String,
}

/// Heading paths dedicated to each required part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldParts {
    pub achievements: Vec<String>,
    pub shortcomings: Vec<String>,
    pub first_responsible_person: Vec<String>,
    pub next_year_plan: Vec<String>,
    pub other: Vec<String>,
}

impl GoldParts {
    #[must_use]
    pub fn get(&self, part: RequiredPart) -> &[String] {
        match part {
            RequiredPart::Achievements => &self.achievements,
            RequiredPart::Shortcomings => &self.shortcomings,
            RequiredPart::FirstResponsiblePerson => &self.first_responsible_person,
            RequiredPart::NextYearPlan => &self.next_year_plan,
            RequiredPart::Other => &self.other,
        }
    }

    fn get_mut(&mut self, part: RequiredPart) -> &mut Vec<String> {
        match part {
            RequiredPart::Achievements => &mut self.achievements,
            RequiredPart::Shortcomings => &mut self.shortcomings,
            RequiredPart::FirstResponsiblePerson => &mut self.first_responsible_person,
            RequiredPart::NextYearPlan => &mut self.next_year_plan,
            RequiredPart::Other => &mut self.other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldMetric {
    pub text: String,
    pub subject: String,
    pub value: String,
    pub unit: String,
    pub approx: String,
}

/// Convert an analysis into gold schema v1.
#[must_use]
pub fn from_analysis(file: &str, analysis: &Analysis) -> GoldReport {
    let mut parts = GoldParts::default();
    for loc in &analysis.parts {
        let paths = parts.get_mut(loc.part);
        for &i in &loc.headings {
            if let Some(h) = analysis.headings.get(i) {
                paths.push(h.path.clone());
            }
        }
    }
    GoldReport {
        file: file.to_owned(),
        agency: analysis.metadata.agency.as_ref().map(|a| a.value.clone()),
        year: analysis.metadata.year.as_ref().map(|y| y.value),
        published: analysis.metadata.published.as_ref().map(|d| d.value.iso()),
        duplicate_body: analysis.duplicate.is_some(),
        headings: analysis
            .headings
            .iter()
            .map(|h| GoldHeading {
                level: h.level.number(),
                marker: h.marker.clone(),
                title: h.title.clone(),
            })
            .collect(),
        parts,
        metrics: analysis
            .metrics
            .iter()
            .map(|m| GoldMetric {
                text: m.text.clone(),
                subject: m.subject.clone(),
                value: m.value.normalize().to_string(),
                unit: m.unit.clone(),
                approx: m.approx.key().to_owned(),
            })
            .collect(),
    }
}

/// Remove all white space (gold compares metric text with white space removed).
#[must_use]
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
