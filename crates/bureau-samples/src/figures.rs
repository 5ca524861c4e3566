//! Plausible jurisdiction figures for the sample stations: the first stations are the town's
//! (dense, busy, small), the last the mountains' (large, quiet, with a travel factor). Drawn
//! from their own seeded stream so that adding them changed nothing else in the samples.

use bureau_core::{SquadFigures, StationFigures, Unit};

use crate::rng::Rng;

/// The jurisdiction a bureau's stations share out.
#[derive(Debug, Clone, Copy)]
pub struct Jurisdiction {
    pub residents: u32,
    pub area_km2: f64,
    /// Calls per resident and year in town (the countryside gets a third of it).
    pub call_rate: f64,
}

/// How town-like the `i`-th of `n` units is: from 1 (the first) to 0 (the last).
fn urban(i: usize, n: usize) -> f64 {
    if n <= 1 {
        1.0
    } else {
        1.0 - i as f64 / (n - 1) as f64
    }
}

/// A factor of 0.85 to 1.15, so that no two units' figures follow the curve exactly.
fn jitter(rng: &mut Rng) -> f64 {
    f64::from(rng.range(85, 115)) / 100.0
}

/// One figure set per station, in order; `urban(i)` runs from 1 (first) to 0 (last).
pub fn station_figures(stations: &[&Unit], j: Jurisdiction, seed: u64) -> Vec<StationFigures> {
    let n = stations.len();
    if n == 0 {
        return Vec::new();
    }
    let mut rng = Rng::new(seed ^ 0x5f1a_7e11);
    let urban = |i: usize| urban(i, n);
    let people_w: Vec<f64> = (0..n)
        .map(|i| (1.0 + 3.0 * urban(i)) * jitter(&mut rng))
        .collect();
    let area_w: Vec<f64> = (0..n)
        .map(|i| (0.3 + 4.0 * (1.0 - urban(i))) * jitter(&mut rng))
        .collect();
    let (pw, aw): (f64, f64) = (people_w.iter().sum(), area_w.iter().sum());
    stations
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let u = urban(i);
            let residents = (f64::from(j.residents) * people_w[i] / pw).round();
            let area = (j.area_km2 * area_w[i] / aw * 10.0).round() / 10.0;
            let calls =
                (residents * j.call_rate * (1.0 + 2.0 * u) / 3.0 * jitter(&mut rng)).round();
            let criminal = (calls * (0.05 + 0.03 * u)).round();
            let public_order = (calls * (0.09 + 0.04 * u)).round();
            let travel = ((1.0 + 0.6 * (1.0 - u)) * 10.0).round() / 10.0;
            StationFigures {
                unit: s.id.clone(),
                resident_population: residents as u32,
                registered_population: Some((residents * (1.05 - 0.15 * u)).round() as u32),
                area_km2: area.max(0.1),
                villages: s.grids,
                calls: calls as u32,
                criminal_cases: criminal as u32,
                public_order_cases: public_order as u32,
                travel_factor: Some(travel),
            }
        })
        .collect()
}

/// One figure set per traffic squad, in order: the first squad the town's (short roads,
/// many vehicles and calls), the last the mountains' (long roads, fewer but longer
/// accidents). Drawn from their own seeded stream, like the stations'.
pub fn squad_figures(squads: &[&Unit], j: Jurisdiction, seed: u64) -> Vec<SquadFigures> {
    let n = squads.len();
    if n == 0 {
        return Vec::new();
    }
    let mut rng = Rng::new(seed ^ 0x7c0d_5a2b);
    let urban = |i: usize| urban(i, n);
    // About one vehicle per four residents; roads about 0.7 km per km² in the plains, less
    // in the mountains; accidents about 2 per 1,000 vehicles, calls ten times that.
    let vehicles_total = f64::from(j.residents) / 4.0;
    let road_total = j.area_km2 * 0.6;
    let vehicle_w: Vec<f64> = (0..n)
        .map(|i| (1.0 + 2.0 * urban(i)) * jitter(&mut rng))
        .collect();
    let road_w: Vec<f64> = (0..n)
        .map(|i| (1.0 + 1.5 * (1.0 - urban(i))) * jitter(&mut rng))
        .collect();
    let (vw, rw): (f64, f64) = (vehicle_w.iter().sum(), road_w.iter().sum());
    squads
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let vehicles = (vehicles_total * vehicle_w[i] / vw).round();
            let road = (road_total * road_w[i] / rw * 10.0).round() / 10.0;
            let accidents = (vehicles * 0.002 * (1.0 + 0.5 * urban(i)) * jitter(&mut rng)).round();
            let calls = (accidents * (8.0 + 4.0 * urban(i)) * jitter(&mut rng)).round();
            SquadFigures {
                unit: s.id.clone(),
                road_km: road.max(1.0),
                accidents: accidents as u32,
                traffic_calls: calls as u32,
                vehicles: vehicles as u32,
            }
        })
        .collect()
}
