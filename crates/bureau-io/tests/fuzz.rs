//! Mangled roster files never panic the importer: random byte edits, truncations and
//! insertions on a real CSV and a real XLSX (a roster and a units file), plus arbitrary bytes.

use bureau_core::BureauFile;
use bureau_io::import::{read_roster, roster_csv, roster_xlsx, ImportContext};
use proptest::prelude::*;

fn county() -> &'static BureauFile {
    static FILE: std::sync::OnceLock<BureauFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("parses")
    })
}

fn samples() -> &'static (Vec<u8>, Vec<u8>) {
    static BYTES: std::sync::OnceLock<(Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let f = county();
        let few = &f.people[..40];
        (
            roster_csv(few, &f.old_units, &f.structure.units),
            roster_xlsx(few, &f.old_units, &f.structure.units).expect("writes"),
        )
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, v)| Edit::Insert(i, v)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Remove(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Set(i, b) => {
                if let Some(x) = bytes.get_mut(i % len) {
                    *x = *b;
                }
            }
            Edit::Truncate(i) => bytes.truncate(i % len),
            Edit::Insert(i, v) => {
                let at = (i % len).min(bytes.len());
                bytes.splice(at..at, v.iter().copied());
            }
            Edit::Remove(i, n) => {
                let at = (i % len).min(bytes.len());
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }
    bytes
}

fn read(name: &str, bytes: &[u8]) {
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
    // Either people or problems, never both.
    assert!(preview.people.is_empty() || preview.problems.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mangled_csv_never_panics(edits in prop::collection::vec(edit(), 1..8)) {
        read("fuzz.csv", &apply(samples().0.clone(), &edits));
    }

    #[test]
    fn mangled_xlsx_never_panics(edits in prop::collection::vec(edit(), 1..4)) {
        read("fuzz.xlsx", &apply(samples().1.clone(), &edits));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        read("any.csv", &bytes);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        read("any.xlsx", &zip);
    }
}

fn unit_samples() -> &'static (Vec<u8>, Vec<u8>) {
    static BYTES: std::sync::OnceLock<(Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let f = county();
        (
            bureau_io::import::units_csv(&f.old_units),
            bureau_io::import::units_xlsx(&f.old_units).expect("writes"),
        )
    })
}

fn read_units(name: &str, bytes: &[u8]) {
    let read = bureau_io::import::read_units(name, bytes, &county().old_units);
    // Either units or problems, never both.
    assert!(read.units.is_empty() || read.problems.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn mangled_units_csv_never_panics(edits in prop::collection::vec(edit(), 1..8)) {
        read_units("fuzz.csv", &apply(unit_samples().0.clone(), &edits));
    }

    #[test]
    fn mangled_units_xlsx_never_panics(edits in prop::collection::vec(edit(), 1..4)) {
        read_units("fuzz.xlsx", &apply(unit_samples().1.clone(), &edits));
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_units_reader(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        read_units("any.csv", &bytes);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        read_units("any.xlsx", &zip);
    }
}
