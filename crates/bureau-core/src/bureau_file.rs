//! The bureau file: one JSON document with a bureau, its roster, the old and new structure and
//! optionally a draft assignment. Documented in `docs/bureau-file.md` with a JSON Schema.
//!
//! Parsing never panics: a malformed document yields a [`BureauFileError`] naming the place in
//! the document (`people[12].current_unit`) and what was expected there.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::limits::{forbidden_char, MAX_COUNT, MAX_DEPTH, MAX_UNITS};
use crate::model::{
    Bureau, BureauInfo, Draft, Person, SquadFigures, StationFigures, Structure, Unit,
};
use crate::optimiser::Weights;
use crate::rules::{validate_rules, Rule};

pub const FORMAT: &str = "bureau-planner/bureau";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BureauFile {
    pub format: String,
    pub version: u32,
    pub bureau: BureauInfo,
    pub old_units: Vec<Unit>,
    pub people: Vec<Person>,
    pub structure: Structure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// Each station's jurisdiction figures (派出所辖区情况), keyed by old station id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub station_figures: Vec<StationFigures>,
    /// Each traffic squad's figures (交警中队辖区情况), keyed by old squad id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub squad_figures: Vec<SquadFigures>,
    /// The plan's rules; absent means the defaults for the bureau's kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<Rule>>,
    /// The solve weights (求解设置); absent means the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Weights>,
}

/// Why a bureau file was rejected: where in the document, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BureauFileError {
    /// A path into the document such as `people[3].birth`, or `(document)` for the whole.
    pub path: String,
    /// What was expected, in English (the UI shows its own localised lead-in).
    pub expected: String,
    /// Line and column in the text when the error is syntactic or a type mismatch.
    pub line_column: Option<(usize, usize)>,
    /// The document was written by a newer Bureau Planner.
    pub newer_version: bool,
}

impl fmt::Display for BureauFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some((line, column)) = self.line_column {
            write!(f, " (line {line}, column {column})")?;
        }
        write!(f, ": {}", self.expected)
    }
}

impl std::error::Error for BureauFileError {}

fn err(path: impl Into<String>, expected: impl Into<String>) -> BureauFileError {
    BureauFileError {
        path: path.into(),
        expected: expected.into(),
        line_column: None,
        newer_version: false,
    }
}

impl BureauFile {
    /// Parses and validates a bureau file.
    pub fn parse(text: &str) -> Result<Self, BureauFileError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| BureauFileError {
            path: "(document)".into(),
            expected: format!("valid JSON ({e})"),
            line_column: Some((e.line(), e.column())),
            newer_version: false,
        })?;
        check_header(&value)?;
        let file: BureauFile = serde_path_to_error::deserialize(&value).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner().to_string();
            err(
                if path == "." {
                    "(document)".into()
                } else {
                    path
                },
                inner,
            )
        })?;
        file.validate()?;
        Ok(file)
    }

    pub fn to_json_pretty(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn new(bureau: Bureau, structure: Structure, draft: Option<Draft>) -> Self {
        BureauFile {
            format: FORMAT.into(),
            version: VERSION,
            bureau: bureau.info,
            old_units: bureau.old_units,
            people: bureau.people,
            structure,
            draft,
            station_figures: bureau.station_figures,
            squad_figures: bureau.squad_figures,
            rules: None,
            weights: None,
        }
    }

    pub fn into_parts(self) -> (Bureau, Structure, Option<Draft>) {
        let bureau = Bureau {
            info: self.bureau,
            old_units: self.old_units,
            people: self.people,
            station_figures: self.station_figures,
            squad_figures: self.squad_figures,
        };
        (bureau, self.structure, self.draft)
    }

    /// The cross-references and bounds that the JSON types alone cannot express.
    pub fn validate(&self) -> Result<(), BureauFileError> {
        check_text(self)?;
        if self.bureau.name.trim().is_empty() {
            return Err(err("bureau.name", "a non-empty bureau name"));
        }
        let old_ids = check_units(&self.old_units, "old_units")?;
        let new_ids = check_units(&self.structure.units, "structure.units")?;
        if self.structure.name.trim().is_empty() {
            return Err(err("structure.name", "a non-empty structure name"));
        }

        let as_of = self.bureau.as_of;
        let mut numbers = HashSet::new();
        // Keyed by the trimmed number: " 100001" and "100001" are one officer typed twice.
        let mut trimmed: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.people.iter().enumerate() {
            let at = |field: &str| format!("people[{i}].{field}");
            if p.police_number.trim().is_empty() {
                return Err(err(at("police_number"), "a non-empty police number"));
            }
            if let Some(first) = trimmed.insert(p.police_number.trim(), i) {
                let other = &self.people[first].police_number;
                let expected = if *other == p.police_number {
                    format!(
                        "a unique police number; {:?} appears twice (also people[{first}])",
                        p.police_number
                    )
                } else {
                    format!(
                        "a unique police number; {:?} is people[{first}]'s {other:?} once \
                         surrounding spaces are trimmed",
                        p.police_number
                    )
                };
                return Err(err(at("police_number"), expected));
            }
            numbers.insert(p.police_number.as_str());
            if p.name.trim().is_empty() {
                return Err(err(at("name"), "a non-empty name"));
            }
            if p.birth > as_of {
                return Err(err(
                    at("birth"),
                    format!(
                        "a birth month before the plan's month {as_of} (bureau.as_of), found {}",
                        p.birth
                    ),
                ));
            }
            if !old_ids.contains(p.current_unit.as_str()) {
                return Err(err(
                    at("current_unit"),
                    format!("the id of one of old_units, found {:?}", p.current_unit),
                ));
            }
            // A wish names a new unit; one this structure lacks (the roster is shared by
            // scenarios with different structures) is simply not met here.
            for (w, wish) in p.wishes.iter().enumerate() {
                if wish.trim().is_empty() {
                    return Err(err(at(&format!("wishes[{w}]")), "a non-empty unit id"));
                }
            }
        }

        let mut mapped = HashSet::new();
        for (i, edge) in self.structure.merge_map.iter().enumerate() {
            let at = |field: &str| format!("structure.merge_map[{i}].{field}");
            if !old_ids.contains(edge.from.as_str()) {
                return Err(err(
                    at("from"),
                    format!("the id of one of old_units, found {:?}", edge.from),
                ));
            }
            if !mapped.insert(edge.from.as_str()) {
                return Err(err(
                    at("from"),
                    format!("each old unit mapped once; {:?} appears twice", edge.from),
                ));
            }
            if edge.to.is_empty() {
                return Err(err(at("to"), "at least one new unit"));
            }
            for (t, to) in edge.to.iter().enumerate() {
                if !new_ids.contains(to.as_str()) {
                    return Err(err(
                        at(&format!("to[{t}]")),
                        format!("the id of one of structure.units, found {to:?}"),
                    ));
                }
            }
        }

        if let Some(draft) = &self.draft {
            for (number, unit) in &draft.assignment {
                let at = format!("draft.assignment.{number}");
                if !numbers.contains(number.as_str()) {
                    return Err(err(at, "the police number of someone on the roster"));
                }
                if !new_ids.contains(unit.as_str()) {
                    return Err(err(
                        at,
                        format!("the id of one of structure.units, found {unit:?}"),
                    ));
                }
            }
            for (i, number) in draft.pins.iter().enumerate() {
                if !draft.assignment.contains_key(number) {
                    return Err(err(
                        format!("draft.pins[{i}]"),
                        format!("the police number of someone the draft assigns, found {number:?}"),
                    ));
                }
            }
            if draft.exclusions.len() > MAX_COUNT as usize {
                return Err(err(
                    "draft.exclusions",
                    format!("at most {MAX_COUNT} exclusions"),
                ));
            }
            let mut seen = HashSet::new();
            for (i, x) in draft.exclusions.iter().enumerate() {
                let at = format!("draft.exclusions[{i}]");
                if !numbers.contains(x.police_number.as_str()) {
                    return Err(err(
                        format!("{at}.police_number"),
                        format!(
                            "the police number of someone on the roster, found {:?}",
                            x.police_number
                        ),
                    ));
                }
                if let Some(unit) = x.unit.as_ref().filter(|u| !new_ids.contains(u.as_str())) {
                    return Err(err(
                        format!("{at}.unit"),
                        format!("the id of one of structure.units, found {unit:?}"),
                    ));
                }
                if !seen.insert(x) {
                    return Err(err(at, "each exclusion once; this one appears twice"));
                }
            }
            let community = &draft.community;
            if community.roles.len() > MAX_COUNT as usize
                || community.pins.len() > MAX_COUNT as usize
            {
                return Err(err(
                    "draft.community",
                    format!("at most {MAX_COUNT} roles and {MAX_COUNT} pins"),
                ));
            }
            for number in community.roles.keys() {
                if !numbers.contains(number.as_str()) {
                    return Err(err(
                        format!("draft.community.roles.{number}"),
                        "the police number of someone on the roster",
                    ));
                }
            }
            let mut seen = HashSet::new();
            for (i, number) in community.pins.iter().enumerate() {
                if !numbers.contains(number.as_str()) || !seen.insert(number) {
                    return Err(err(
                        format!("draft.community.pins[{i}]"),
                        format!(
                            "the police number of someone on the roster, once; found {number:?}"
                        ),
                    ));
                }
            }
            let max_age = community.eligibility.max_age;
            if let Some(age) = crate::CommunityEligibility::max_age_out_of_range(max_age) {
                return Err(err(
                    "draft.community.eligibility.max_age",
                    format!("an age between 18 and 100, found {age}"),
                ));
            }
        }
        let mut figured = HashSet::new();
        for (i, f) in self.station_figures.iter().enumerate() {
            let at = |field: &str| format!("station_figures[{i}].{field}");
            let is_station = self
                .old_units
                .iter()
                .any(|u| u.id == f.unit && u.is_station());
            if !is_station {
                return Err(err(
                    at("unit"),
                    format!(
                        "the id of a police station among old_units, found {:?}",
                        f.unit
                    ),
                ));
            }
            if !figured.insert(f.unit.as_str()) {
                return Err(err(
                    at("unit"),
                    format!("one entry per station; {:?} appears twice", f.unit),
                ));
            }
            f.check_bounds()
                .map_err(|(field, expected)| err(at(field), expected))?;
        }
        let mut squads = HashSet::new();
        for (i, f) in self.squad_figures.iter().enumerate() {
            let at = |field: &str| format!("squad_figures[{i}].{field}");
            let is_squad = self
                .old_units
                .iter()
                .any(|u| u.id == f.unit && u.is_traffic_squad());
            if !is_squad {
                return Err(err(
                    at("unit"),
                    format!(
                        "the id of a traffic squad among old_units, found {:?}",
                        f.unit
                    ),
                ));
            }
            if !squads.insert(f.unit.as_str()) {
                return Err(err(
                    at("unit"),
                    format!("one entry per squad; {:?} appears twice", f.unit),
                ));
            }
            f.check_bounds()
                .map_err(|(field, expected)| err(at(field), expected))?;
        }
        if let Some(rules) = &self.rules {
            validate_rules(rules, &self.structure)
                .map_err(|(i, field, expected)| err(format!("rules[{i}].{field}"), expected))?;
        }
        if let Some(weights) = &self.weights {
            weights
                .validate()
                .map_err(|e| err(format!("weights.{}", e.field), e.expected))?;
        }
        Ok(())
    }
}

fn check_header(value: &serde_json::Value) -> Result<(), BureauFileError> {
    let Some(obj) = value.as_object() else {
        return Err(err("(document)", "a JSON object"));
    };
    match obj.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        _ => return Err(err("format", format!("the string {FORMAT:?}"))),
    }
    match obj.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => Ok(()),
        Some(v) if v > u64::from(VERSION) => Err(BureauFileError {
            newer_version: true,
            ..err(
                "version",
                format!("version {VERSION} or older; this file is version {v}, from a newer Bureau Planner"),
            )
        }),
        _ => Err(err("version", format!("the number {VERSION}"))),
    }
}

/// Checks ids are non-empty and unique and parents exist without cycles; returns the id set.
fn check_units<'a>(units: &'a [Unit], list: &str) -> Result<HashSet<&'a str>, BureauFileError> {
    if units.len() > MAX_UNITS {
        return Err(err(
            list,
            format!("at most {MAX_UNITS} units, found {}", units.len()),
        ));
    }
    let mut ids = HashSet::new();
    for (i, u) in units.iter().enumerate() {
        check_counts(u, &format!("{list}[{i}]"))?;
        if u.id.trim().is_empty() {
            return Err(err(format!("{list}[{i}].id"), "a non-empty unit id"));
        }
        if !ids.insert(u.id.as_str()) {
            return Err(err(
                format!("{list}[{i}].id"),
                format!("a unique unit id; {:?} appears twice", u.id),
            ));
        }
        if u.name.trim().is_empty() {
            return Err(err(format!("{list}[{i}].name"), "a non-empty unit name"));
        }
    }
    let parents: HashMap<&str, &str> = units
        .iter()
        .filter_map(|u| u.parent.as_deref().map(|p| (u.id.as_str(), p)))
        .collect();
    for (i, u) in units.iter().enumerate() {
        let Some(parent) = u.parent.as_deref() else {
            continue;
        };
        if !ids.contains(parent) {
            return Err(err(
                format!("{list}[{i}].parent"),
                format!("the id of another unit in {list}, found {parent:?}"),
            ));
        }
        // Walk up at most MAX_DEPTH levels, so a long chain costs no more than a short one.
        let mut chain = vec![u.id.as_str(), parent];
        let mut at = parent;
        while let Some(&next) = parents.get(at) {
            if chain.len() > MAX_DEPTH {
                break;
            }
            if chain.contains(&next) {
                return Err(err(
                    format!("{list}[{i}].parent"),
                    "a parent chain without cycles",
                ));
            }
            chain.push(next);
            at = next;
        }
        if chain.len() > MAX_DEPTH {
            // Too deep, or a cycle longer than the limit: tell which by walking on (once).
            let mut seen: HashSet<&str> = chain.iter().copied().collect();
            let mut at = at;
            while let Some(&next) = parents.get(at) {
                if !seen.insert(next) {
                    return Err(err(
                        format!("{list}[{i}].parent"),
                        "a parent chain without cycles",
                    ));
                }
                at = next;
            }
            let names: Vec<String> = chain
                .iter()
                .rev()
                .map(|id| {
                    let name = units
                        .iter()
                        .find(|u| u.id == *id)
                        .map_or(*id, |u| u.name.as_str());
                    format!("{name:?}")
                })
                .collect();
            let more = if chain.last().is_some_and(|top| parents.contains_key(top)) {
                "… → "
            } else {
                ""
            };
            return Err(err(
                format!("{list}[{i}].parent"),
                format!(
                    "a unit tree at most {MAX_DEPTH} levels deep; {:?} is deeper: {more}{}",
                    u.name,
                    names.join(" → ")
                ),
            ));
        }
    }
    Ok(ids)
}

/// Establishments, posts and grids within [`MAX_COUNT`].
fn check_counts(u: &Unit, at: &str) -> Result<(), BureauFileError> {
    for (field, n) in [
        ("officer_establishment", u.officer_establishment),
        ("auxiliary_establishment", u.auxiliary_establishment),
        ("head_posts", u.head_posts),
        ("deputy_posts", u.deputy_posts),
        ("grids", u.grids),
    ] {
        if n > MAX_COUNT {
            return Err(err(
                format!("{at}.{field}"),
                format!("a count of at most {MAX_COUNT}, found {n}"),
            ));
        }
    }
    Ok(())
}

/// Every string of the file, map keys included, free of control characters and
/// non-characters; only the multi-line texts (the reform background, units' functions) may
/// hold tabs and line breaks.
fn check_text(file: &BureauFile) -> Result<(), BureauFileError> {
    // Plain data with string keys: serialising cannot fail.
    let value = serde_json::to_value(file).unwrap_or_default();
    let mut path = String::new();
    walk_text(&value, &mut path)
}

/// The texts a planner writes as paragraphs or lists, one item a line.
fn is_multi_line(path: &str) -> bool {
    path == "bureau.background" || path.ends_with(".functions")
}

fn walk_text(value: &serde_json::Value, path: &mut String) -> Result<(), BureauFileError> {
    use serde_json::Value;
    let len = path.len();
    let result = match value {
        Value::String(s) => match forbidden_char(s, is_multi_line(path)) {
            Some(what) => Err(err(path.clone(), what)),
            None => Ok(()),
        },
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, v)| {
            path.truncate(len);
            path.push_str(&format!("[{i}]"));
            walk_text(v, path)
        }),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            path.truncate(len);
            if let Some(what) = forbidden_char(k, false) {
                return Err(err(format!("{path}[{k:?}]"), what));
            }
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(k);
            walk_text(v, path)
        }),
        _ => Ok(()),
    };
    path.truncate(len);
    result
}
