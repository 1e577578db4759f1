/**
 * The library, loaded only when a command runs: `llm-packer --version` and `--help` register the
 * commands (commander only) and never load it, so they start about as fast as node itself.
 * `main` calls `loadLibrary()` before parsing any command line that names a command; code that
 * runs inside a command then reaches the library through `lib()`.
 */
export type Library = typeof import('./library.js');

let loaded: Library | undefined;

export async function loadLibrary(): Promise<Library> {
  loaded ??= await import('./library.js');
  return loaded;
}

/** The loaded library; only valid inside a command (after `loadLibrary()`). */
export function lib(): Library {
  if (loaded === undefined) throw new Error('llm-packer: the library was used before it was loaded');
  return loaded;
}

/** True when the library is loaded (an error is a PackerError only then). */
export function libraryLoaded(): boolean {
  return loaded !== undefined;
}
