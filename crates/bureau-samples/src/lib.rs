//! Deterministic, seeded generators of sample bureaus: `county` (modelled on the worked example
//! in DOMAIN.md), `city` (a city-district bureau) and `large` (any size, for benchmarks).
//! The files in `fixtures/` are these generators' committed outputs.
//!
//! Names are synthetic. The generator uses its own PRNG so that outputs never change when a
//! dependency does.
#![forbid(unsafe_code)]

mod builder;
mod figures;
mod names;
mod new_bureau;
mod rng;
mod template;

use bureau_core::{BureauFile, BureauKind};

use builder::{build, Site, Spec};
use figures::Jurisdiction;
pub use new_bureau::{test_county, TEST_BUREAU_NAME};

/// 青山县公安局: 331 officers (establishment 353), 469 auxiliaries (529), 24 internal units,
/// 9 stations covering 255 villages, 4 traffic squads; stations hold ~32% of officers today.
pub fn county() -> BureauFile {
    let stations = [
        (16, 36, 20),
        (14, 32, 24),
        (13, 30, 28),
        (12, 28, 30),
        (11, 26, 32),
        (11, 26, 30),
        (10, 24, 31),
        (9, 22, 30),
        (9, 22, 30),
    ];
    let squads = [(8, 14), (8, 12), (7, 12), (7, 12)];
    build(&Spec {
        name: "青山县公安局".into(),
        kind: BureauKind::County,
        seed: 2023,
        scale: 1.0,
        stations: stations
            .iter()
            .map(|&(officers, auxiliaries, grids)| Site {
                officers,
                auxiliaries,
                grids,
            })
            .collect(),
        squads: squads
            .iter()
            .map(|&(officers, auxiliaries)| Site {
                officers,
                auxiliaries,
                grids: 0,
            })
            .collect(),
        officer_vacancies: 22,
        auxiliary_vacancies: 60,
        number_prefix: 36,
        structure_name: "1+5(+N)+1".into(),
        jurisdiction: Jurisdiction {
            residents: 230_000,
            area_km2: 2_230.0,
            call_rate: 0.06,
        },
    })
}

/// The county with every office and traffic-squad officer pinned where the draft puts them:
/// only today's 105 station officers can be at stations, so the 40% station share (133 of 331)
/// is impossible, 28 officers short. The optimiser's diagnosis must say exactly that.
pub fn county_infeasible() -> BureauFile {
    with_non_station_officers_pinned(county())
}

/// `file` with every officer outside today's police stations pinned where the draft puts
/// them: the station share cannot be reached, which makes any sample an infeasible one.
pub fn with_non_station_officers_pinned(mut file: BureauFile) -> BureauFile {
    let grassroots_station: std::collections::HashSet<String> = file
        .old_units
        .iter()
        .filter(|u| u.kind == bureau_core::UnitKind::PoliceStation)
        .map(|u| u.id.clone())
        .collect();
    let pins = file
        .people
        .iter()
        .filter(|p| p.is_officer() && !grassroots_station.contains(&p.current_unit))
        .map(|p| p.police_number.clone())
        .collect();
    if let Some(draft) = file.draft.as_mut() {
        draft.pins = pins;
    }
    file
}

/// 江滨区公安分局: a city-district bureau of about 2,500 officers and 3,500 auxiliaries.
pub fn city() -> BureauFile {
    scaled(
        "江滨区公安分局",
        BureauKind::CityDistrict,
        2_500,
        3_500,
        1,
        2024,
        51,
    )
}

/// A bureau of any size for benchmarks (one station per ~60 officers).
pub fn large(officers: u32, auxiliaries: u32, seed: u64) -> BureauFile {
    scaled(
        "大型样例公安局",
        BureauKind::CityDistrict,
        officers,
        auxiliaries,
        0,
        seed,
        77,
    )
}

pub fn by_name(name: &str) -> Option<BureauFile> {
    match name {
        "county" => Some(county()),
        "city" => Some(city()),
        "county-infeasible" => Some(county_infeasible()),
        _ => None,
    }
}

/// Office 52% of officers, stations 36%, traffic squads 12%, internal units scaled from the
/// county template; the rest goes to stations so that totals are exact.
fn scaled(
    name: &str,
    kind: BureauKind,
    officers: u32,
    auxiliaries: u32,
    variant: u64,
    seed: u64,
    prefix: u32,
) -> BureauFile {
    let county_office = 196.0;
    let scale = f64::from(officers) * 0.52 / county_office;
    let office_officers: u32 = template::INTERNAL_UNITS
        .iter()
        .map(|u| ((f64::from(u.officers) * scale).round() as u32).max(1))
        .sum();
    let office_aux: u32 = template::INTERNAL_UNITS
        .iter()
        .map(|u| {
            if u.auxiliaries == 0 {
                0
            } else {
                ((f64::from(u.auxiliaries) * scale).round() as u32).max(1)
            }
        })
        .sum();
    let n_stations = (officers / 110).max(2) as usize;
    let n_squads = (officers / 300).max(1) as usize;
    let squad_officers = officers * 12 / 100;
    let station_officers = officers.saturating_sub(office_officers + squad_officers);
    let grass_aux = auxiliaries.saturating_sub(office_aux);
    let squad_aux = grass_aux / 6;
    let station_aux = grass_aux - squad_aux;
    let mut rng = rng::Rng::new(seed ^ variant.wrapping_mul(0x51));
    let stations = split(station_officers, n_stations, &mut rng)
        .into_iter()
        .zip(split(station_aux, n_stations, &mut rng))
        .map(|(o, a)| Site {
            officers: o,
            auxiliaries: a,
            grids: (o * 3 / 2).max(3),
        })
        .collect();
    let squads = split(squad_officers, n_squads, &mut rng)
        .into_iter()
        .zip(split(squad_aux, n_squads, &mut rng))
        .map(|(o, a)| Site {
            officers: o,
            auxiliaries: a,
            grids: 0,
        })
        .collect();
    build(&Spec {
        name: name.into(),
        kind,
        seed,
        scale,
        stations,
        squads,
        officer_vacancies: officers / 15,
        auxiliary_vacancies: auxiliaries / 8,
        number_prefix: prefix,
        structure_name: "1+5(+N)+1".into(),
        // A city district: about 450 residents per officer on a small, dense territory.
        jurisdiction: Jurisdiction {
            residents: officers.saturating_mul(450),
            area_km2: f64::from(officers) * 0.12,
            call_rate: 0.09,
        },
    })
}

/// Splits `total` into `n` uneven parts (±30%) that add up exactly.
fn split(total: u32, n: usize, rng: &mut rng::Rng) -> Vec<u32> {
    let weights: Vec<u32> = (0..n).map(|_| rng.range(70, 130)).collect();
    let sum: u32 = weights.iter().sum::<u32>().max(1);
    let mut parts: Vec<u32> = weights.iter().map(|w| total * w / sum).collect();
    let mut rest = total - parts.iter().sum::<u32>();
    for p in parts.iter_mut() {
        if rest == 0 {
            break;
        }
        *p += 1;
        rest -= 1;
    }
    parts
}

#[cfg(test)]
mod tests;
