//! Replacing the traffic squads' figures (交警中队辖区情况表) with imported ones, whole, in one
//! audited transaction, refused when they do not fit the bureau.

use bureau_core::{Bureau, BureauFile, SquadFigures};

use crate::squad_figures::insert_all;
use crate::{roster, StorageError, Workspace};

impl Workspace {
    /// Replaces every squad's figures with `figures` in one audited transaction; refused with
    /// [`StorageError::Invalid`] (nothing changes) when they do not fit the bureau as a bureau
    /// file's would not.
    pub fn replace_squad_figures(&mut self, figures: &[SquadFigures]) -> Result<(), StorageError> {
        let tx = self.write()?;
        let bureau = roster::load_bureau(&tx)?;
        let check = BureauFile::new(
            Bureau {
                squad_figures: figures.to_vec(),
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
            .map_err(|e| StorageError::Invalid(format!("the squad figures do not fit: {e}")))?;
        tx.execute("DELETE FROM squad_figures", [])?;
        insert_all(&tx, figures)?;
        crate::audit::append(
            &tx,
            None,
            "import_squad_figures",
            &serde_json::json!({
                "squads_before": bureau.squad_figures.len(),
                "squads_after": figures.len(),
            }),
        )?;
        tx.commit()?;
        Ok(())
    }
}
