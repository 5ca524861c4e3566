//! Property tests of the import bounds: workbooks with cells scattered anywhere up to XFD1048576
//! and whatever dimension they claim, real workbooks with their cell references rewritten, and
//! CSVs in random encodings with quotes, NULs, control characters and huge fields. Whatever the
//! bytes, the readers return people or located problems, never more than the listed maximum,
//! with quoted text cut short and free of raw control characters.

mod hostile;

use bureau_core::BureauFile;
use bureau_io::import::{
    read_roster, read_units, roster_xlsx, ImportContext, Problem, MAX_COLUMNS, MAX_PROBLEMS,
    MAX_ROWS, MAX_SHOWN_CHARS,
};
use hostile::{letters, number, text, workbook, Sheet};
use proptest::prelude::*;

fn county() -> &'static BureauFile {
    static FILE: std::sync::OnceLock<BureauFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("parses")
    })
}

/// Reads `bytes` as a roster and as a units file and checks the shape of both answers.
fn read_both(name: &str, bytes: &[u8]) -> Vec<Problem> {
    let f = county();
    let preview = read_roster(
        name,
        bytes,
        &ImportContext {
            old_units: &f.old_units,
            new_units: &f.structure.units,
            as_of: f.bureau.as_of,
            existing: &f.people,
        },
    );
    assert!(preview.people.is_empty() || preview.problems.is_empty());
    bounded(name, &preview.problems);
    let units = read_units(name, bytes, &f.old_units);
    assert!(units.units.is_empty() || units.problems.is_empty());
    bounded(name, &units.problems);
    preview.problems
}

fn bounded(name: &str, problems: &[Problem]) {
    assert!(
        problems.len() <= MAX_PROBLEMS + 1,
        "{} problems",
        problems.len()
    );
    for p in problems {
        assert_eq!(p.file, name);
        assert!(p.value.chars().count() <= MAX_SHOWN_CHARS + 1, "{p:?}");
        assert!(
            p.expected.to_string().chars().count() <= MAX_SHOWN_CHARS * 4 + 1,
            "{p:?}"
        );
        let raw = |s: &str| s.chars().any(|c| c.is_control());
        assert!(!raw(&p.value) && !raw(&p.expected.to_string()), "{p:?}");
        assert!(p.column.as_deref().is_none_or(|c| !raw(c)), "{p:?}");
        assert!(p.sheet.as_deref().is_none_or(|s| !raw(s)), "{p:?}");
        assert!(p.row.is_none_or(|r| r >= 1), "{p:?}");
    }
}

/// A cell position anywhere on a sheet, mostly near the top-left.
fn position() -> impl Strategy<Value = (u64, u64)> {
    prop_oneof![
        3 => (0u64..40, 0u64..12),
        1 => (0u64..1_048_576, 0u64..16_384),
        1 => (Just(1_048_575u64), Just(16_383u64)),
        1 => ((MAX_ROWS as u64 - 2)..(MAX_ROWS as u64 + 2), (MAX_COLUMNS as u64 - 2)..(MAX_COLUMNS as u64 + 2)),
    ]
}

fn dimension() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("A1:XFD1048576".to_owned())),
        Just(Some("A1".to_owned())),
        (0u64..100_000_000_000, 0u64..100_000).prop_map(|(r, c)| Some(format!(
            "A1:{}{}",
            letters(c),
            r + 1
        ))),
        "[A-Z0-9:]{0,12}".prop_map(Some),
    ]
}

const HEADERS: [&str; 6] = ["警号", "姓名", "性别", "出生年月", "人员类别", "现单位"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Sparse far cells under a claimed dimension: refused exactly when a filled cell lies past
    /// the bounds, and then with that sheet and a cell named.
    #[test]
    fn scattered_cells_are_bounded(
        dim in dimension(),
        cells in prop::collection::vec((position(), "[a-z0-9 ]{0,6}"), 0..24),
        header in any::<bool>(),
    ) {
        let mut all = Vec::new();
        if header {
            all.extend(HEADERS.iter().enumerate().map(|(c, h)| text(0, c as u64, h)));
        }
        let mut beyond = false;
        for ((r, c), v) in &cells {
            // An empty string stands for a number cell; blanks are no filled cell.
            let filled = v.is_empty() || !v.trim().is_empty();
            beyond |= filled && (*r >= MAX_ROWS as u64 || *c >= MAX_COLUMNS as u64);
            all.push(if v.is_empty() { number(*r, *c, 7.0) } else { text(*r, *c, v) });
        }
        let bytes = workbook(&[Sheet { name: "S", dimension: dim.as_deref(), cells: all }]);
        let problems = read_both("scattered.xlsx", &bytes);
        let refused = problems.iter().any(|p| p.expected.to_string().starts_with("cells within the first"));
        // A malformed claimed dimension makes the sheet unreadable before any cell is seen.
        let unreadable = problems.iter().any(|p| p.expected.to_string().starts_with("a readable"));
        if !unreadable {
            prop_assert_eq!(refused, beyond, "{:#?}", problems);
        }
        if refused {
            prop_assert_eq!(problems.len(), 1);
            prop_assert_eq!(problems[0].sheet.as_deref(), Some("S"));
            prop_assert!(problems[0].column.is_some() && problems[0].row.is_some());
        }
    }

    /// A real roster workbook whose cell references are rewritten at random.
    #[test]
    fn rewritten_cell_references_are_bounded(
        moves in prop::collection::vec((0usize..200, position()), 1..6),
        garbage in prop::collection::vec((0usize..200, "[A-Z]{0,4}[0-9]{0,12}"), 0..3),
    ) {
        let mut parts = hostile::unzip(real_roster());
        for (name, data) in &mut parts {
            if name != "xl/worksheets/sheet1.xml" {
                continue;
            }
            let mut xml = String::from_utf8(std::mem::take(data)).expect("XML");
            let refs: Vec<(usize, usize)> = xml
                .match_indices("<c r=\"")
                .map(|(i, m)| {
                    let start = i + m.len();
                    (start, start + xml[start..].find('"').unwrap_or(0))
                })
                .collect();
            let mut edits: Vec<(usize, String)> = moves
                .iter()
                .map(|(k, (r, c))| (*k, format!("{}{}", letters(*c), r + 1)))
                .chain(garbage.iter().cloned())
                .collect();
            edits.sort_by_key(|(k, _)| std::cmp::Reverse(*k));
            edits.dedup_by_key(|(k, _)| *k);
            for (k, new) in edits {
                if let Some((start, end)) = refs.get(k % refs.len().max(1)) {
                    xml.replace_range(*start..*end, &new);
                }
            }
            *data = xml.into_bytes();
        }
        read_both("rewritten.xlsx", &hostile::zip(&parts));
    }
}

fn real_roster() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let f = county();
        roster_xlsx(&f.people[..30], &f.old_units, &f.structure.units).expect("writes")
    })
}

#[derive(Debug, Clone)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Gbk,
    Utf16Le,
    Utf16Be,
}

fn encode(text: &str, encoding: &Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Gbk => encoding_rs::GBK.encode(text).0.into_owned(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    }
}

/// A field: ordinary values, quotes, separators, NULs and other controls, or a huge run.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "A1", "甲", "男", "女", "1980.01", "1800-01", "民警", "辅警", "办公室", "", " ",
            "\"", "\"\"", "a,b", "\"x\ny\"", "\u{0}", "\u{1b}[2J", "\u{feff}A1", "\u{fffe}",
            "=HYPERLINK(\"x\")", "\r", ";", "\t",
        ]).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
        1 => (1usize..100_000, prop::sample::select(vec!['x', '"', ',', '\n', '\u{0}', '警']))
            .prop_map(|(n, c)| std::iter::repeat_n(c, n).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn csv_in_any_encoding_with_any_fields_is_bounded(
        header in any::<bool>(),
        rows in prop::collection::vec(prop::collection::vec(field(), 0..9), 0..40),
        separator in prop::sample::select(vec![",", "\t", ";"]),
        encoding in prop_oneof![
            Just(Encoding::Utf8), Just(Encoding::Utf8Bom), Just(Encoding::Gbk),
            Just(Encoding::Utf16Le), Just(Encoding::Utf16Be),
        ],
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
    ) {
        let mut text = String::new();
        if header {
            text.push_str(&HEADERS.join(separator));
            text.push('\n');
        }
        for row in &rows {
            text.push_str(&row.join(separator));
            text.push('\n');
        }
        let mut bytes = encode(&text, &encoding);
        for (at, b) in &flips {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = *b;
            }
        }
        let problems = read_both("fuzz.csv", &bytes);
        if matches!(encoding, Encoding::Utf16Le) && flips.is_empty() && !text.is_empty() {
            prop_assert!(problems.len() == 1 && problems[0].expected.to_string().contains("UTF-16"));
        }
    }
}
