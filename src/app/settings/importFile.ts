/** An import's outcome, for the panel that shows it. */
export type Imported<T> = { ok: true; value: T } | { ok: false; message: string };

/** Runs an import of a picked file; a refusal names the file and says that nothing changed. */
export async function importFile<T>(name: string, run: () => Promise<T>): Promise<Imported<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, message: `${name} was not imported, and nothing changed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
