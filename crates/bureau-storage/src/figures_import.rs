//! Replacing the stations' (派出所辖区情况表) or the traffic squads' (交警中队辖区情况表)
//! figures with imported ones, whole, in one audited transaction, refused when they do not
//! fit the bureau. Both kinds take one path: only the table and the bureau's field differ.

use bureau_core::{Bureau, BureauFile, SquadFigures, StationFigures};
use rusqlite::Transaction;

use crate::{roster, StorageError, Workspace};

impl Workspace {
    /// Replaces every station's figures with `figures` in one audited transaction; refused
    /// with [`StorageError::Invalid`] (nothing changes) when they do not fit the bureau as a
    /// bureau file's would not.
    pub fn replace_station_figures(
        &mut self,
        figures: &[StationFigures],
    ) -> Result<(), StorageError> {
        self.replace_figures(
            "station",
            |b| b.station_figures.len(),
            |b| b.station_figures = figures.to_vec(),
            |tx| crate::station_figures::insert_all(tx, figures),
        )
    }

    /// Replaces every squad's figures with `figures`, as [`Self::replace_station_figures`].
    pub fn replace_squad_figures(&mut self, figures: &[SquadFigures]) -> Result<(), StorageError> {
        self.replace_figures(
            "squad",
            |b| b.squad_figures.len(),
            |b| b.squad_figures = figures.to_vec(),
            |tx| crate::squad_figures::insert_all(tx, figures),
        )
    }

    /// The table `{kind}_figures` emptied and refilled by `insert`, after the bureau with
    /// `set` applied passed a bureau file's checks; the audit records the counts before and
    /// after (`{kind}s_before`, `{kind}s_after`).
    fn replace_figures(
        &mut self,
        kind: &str,
        count: fn(&Bureau) -> usize,
        set: impl FnOnce(&mut Bureau),
        insert: impl FnOnce(&Transaction<'_>) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        let tx = self.write()?;
        let bureau = roster::load_bureau(&tx)?;
        let mut replaced = bureau.clone();
        set(&mut replaced);
        let after = count(&replaced);
        let check = BureauFile::new(
            replaced,
            bureau_core::Structure {
                name: "check".into(),
                units: Vec::new(),
                merge_map: Vec::new(),
            },
            None,
        );
        check
            .validate()
            .map_err(|e| StorageError::Invalid(format!("the {kind} figures do not fit: {e}")))?;
        // `kind` is one of the two names above, never user input.
        tx.execute(&format!("DELETE FROM {kind}_figures"), [])?;
        insert(&tx)?;
        let mut detail = serde_json::Map::new();
        detail.insert(format!("{kind}s_before"), count(&bureau).into());
        detail.insert(format!("{kind}s_after"), after.into());
        crate::audit::append(
            &tx,
            None,
            &format!("import_{kind}_figures"),
            &serde_json::Value::Object(detail),
        )?;
        tx.commit()?;
        Ok(())
    }
}
