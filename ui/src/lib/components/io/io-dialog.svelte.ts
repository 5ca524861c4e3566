// Which import/export dialog is open, if any: the header opens it, and so does the overview's
// next-step line ("export the plan").
export const ioDialog = $state<{ mode: 'import' | 'export' | null }>({ mode: null });
