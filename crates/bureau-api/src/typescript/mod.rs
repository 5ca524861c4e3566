//! The TypeScript the UI reads the API with, generated from the Rust types (ts-rs): one file per
//! type, `methods.ts` mapping every method of the table (`method_table.rs`) to its arguments and
//! answer, and `index.ts` re-exporting them all. Checked in under `ui/src/lib/api/`;
//! `tests/typescript.rs` fails when that copy is stale and `make types` rewrites it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use ts_rs::{Config, TypeVisitor, TS};

/// What `visit_methods` shows each method to.
pub(crate) trait MethodVisitor {
    fn visit<A: TS + 'static, R: TS + 'static>(&mut self, name: &'static str);
}

/// The header of the files written here (ts-rs writes its own on the type files).
const NOTE: &str = "// Generated from crates/bureau-api (make types). Do not edit by hand.\n";

/// Writes every type the methods take or answer, `methods.ts` and `index.ts` into `dir`
/// (which must exist). Files already there are overwritten, others left alone.
pub fn write_typescript(dir: &Path) -> Result<(), String> {
    let cfg = Config::new()
        .with_out_dir(dir)
        // Ids and counts stay far below 2^53: plain numbers, as JSON carries them.
        .with_large_int("number");
    let mut methods = Methods {
        cfg: &cfg,
        lines: String::new(),
        imports: BTreeSet::new(),
        error: None,
    };
    crate::method_table::visit_methods(&mut methods);
    // Read out of a job's JSON result by the UI, not named by a method.
    methods.export::<bureau_core::optimiser::Tradeoff>();
    methods.export::<crate::ApiError>();
    if let Some(e) = methods.error {
        return Err(e);
    }

    let mut out = String::from(NOTE);
    for name in &methods.imports {
        let _ = writeln!(out, "import type {{ {name} }} from \"./{name}\";");
    }
    out.push_str(
        "\n/** Every method `call` takes: its arguments (`null`: none) and its answer. */\n",
    );
    out.push_str("export type Methods = {\n");
    out.push_str(&methods.lines);
    out.push_str("};\n\nexport type Method = keyof Methods;\n");
    out.push_str("export type Args<M extends Method> = Methods[M][\"args\"];\n");
    out.push_str("export type Answer<M extends Method> = Methods[M][\"answer\"];\n");
    write(&dir.join("methods.ts"), &out)?;

    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter_map(|name| name.strip_suffix(".ts").map(str::to_owned))
        .filter(|name| name != "index")
        .collect();
    files.sort();
    let mut index = String::from(NOTE);
    for file in files {
        let _ = writeln!(index, "export type * from \"./{file}\";");
    }
    write(&dir.join("index.ts"), &index)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

struct Methods<'a> {
    cfg: &'a Config,
    lines: String,
    imports: BTreeSet<String>,
    error: Option<String>,
}

impl Methods<'_> {
    /// Exports `T` (when it has a file of its own) or the types it wraps (`Vec<T>`…), and
    /// remembers what `methods.ts` imports.
    fn export<T: TS + 'static + ?Sized>(&mut self) {
        if self.error.is_some() {
            return;
        }
        if T::output_path().is_some() {
            self.imports.insert(T::ident(self.cfg));
            if let Err(e) = T::export_all(self.cfg) {
                self.error = Some(format!("{}: {e}", T::ident(self.cfg)));
            }
        } else {
            // A wrapper (`Vec<T>`, `Option<T>`, a map): the types it is generic over.
            let mut parts = Parts(self);
            T::visit_generics(&mut parts);
        }
    }
}

struct Parts<'m, 'a>(&'m mut Methods<'a>);

impl TypeVisitor for Parts<'_, '_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        self.0.export::<T>();
    }
}

impl MethodVisitor for Methods<'_> {
    fn visit<A: TS + 'static, R: TS + 'static>(&mut self, name: &'static str) {
        self.export::<A>();
        self.export::<R>();
        let _ = writeln!(
            self.lines,
            "  {name}: {{ args: {}; answer: {} }};",
            A::name(self.cfg),
            R::name(self.cfg)
        );
    }
}
