// The UI's number formats, restated so the tests compare what a person reads on screen with
// the API's raw numbers (ui/src/lib/format.ts must agree).
export const pct = (x) => `${(x * 100).toFixed(1)}%`;
export const count = (n) => String(n);

/** The KPI bar's expected texts for a Metrics object. */
export function expectedKpis(m) {
  return {
    'kpi-station-share': pct(m.station_share),
    'kpi-community-share': pct(m.community_share),
    'kpi-office-before': count(m.before.office_officers),
    'kpi-office-after': count(m.after.office_officers),
    'kpi-office-reduction': pct(m.office_reduction),
    'kpi-grassroots-share': pct(m.grassroots_share),
    'kpi-moved': count(m.moved),
    'kpi-officers': count(m.total_officers),
    'kpi-auxiliaries': count(m.total_auxiliaries),
  };
}
