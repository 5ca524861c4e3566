//! Replacing the stations' jurisdiction figures (派出所辖区情况表) with imported ones, whole,
//! in one audited transaction, refused when they do not fit the bureau.

use bureau_core::{Bureau, BureauFile, StationFigures};

use crate::station_figures::insert_all;
use crate::{roster, StorageError, Workspace};

impl Workspace {
    /// Replaces every station's figures with `figures` in one audited transaction; refused
    /// with [`StorageError::Invalid`] (nothing changes) when they do not fit the bureau as a
    /// bureau file's would not.
    pub fn replace_station_figures(
        &mut self,
        figures: &[StationFigures],
    ) -> Result<(), StorageError> {
        let tx = self.write()?;
        let bureau = roster::load_bureau(&tx)?;
        let check = BureauFile::new(
            Bureau {
                station_figures: figures.to_vec(),
                ..bureau.clone()
            },
            bureau_core::Structure {
                name: "check".into(),
                units: Vec::new(),
                merge_map: Vec::new(),
            },
            None,
        );
        check
            .validate()
            .map_err(|e| StorageError::Invalid(format!("the station figures do not fit: {e}")))?;
        tx.execute("DELETE FROM station_figures", [])?;
        insert_all(&tx, figures)?;
        crate::audit::append(
            &tx,
            None,
            "import_station_figures",
            &serde_json::json!({
                "stations_before": bureau.station_figures.len(),
                "stations_after": figures.len(),
            }),
        )?;
        tx.commit()?;
        Ok(())
    }
}
